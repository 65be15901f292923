import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../../infra/constructs/line-function';
import { synthesizeStageTemplates } from '../../local/runtime/synthesize-app';
import { renderCostDoc } from './cost-model';

const USAGE = `Usage: npm run cost [-- --check]

Synthesizes the app's templates and writes docs/cost.md: the unit prices used (eu-central-1, with
their source pages and the date read), the resources billed, what one call uses, the cost per 1,000
calls (telephony and backend) and the monthly cost at 2,000, 100,000 and 1,000,000 calls a year.

  --check   write nothing; exit 1 when docs/cost.md differs from what would be generated
  --help    this text`;

export const COST_DOC = path.join(REPO_ROOT, 'docs', 'cost.md');

/** docs/cost.md as `npm run cost` generates it now. */
export function generateCostDoc(): string {
  const { data, line, observability } = synthesizeStageTemplates();
  return renderCostDoc([data, line, ...(observability === undefined ? [] : [observability])]);
}

function main(argv: readonly string[]): number {
  let values: { check?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    process.stderr.write(`cost: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const doc = generateCostDoc();
  if (values.check) {
    const current = fs.existsSync(COST_DOC) ? fs.readFileSync(COST_DOC, 'utf8') : '';
    if (current === doc) return 0;
    process.stderr.write('cost: docs/cost.md is out of date: run npm run cost\n');
    return 1;
  }
  fs.writeFileSync(COST_DOC, doc);
  console.log(`cost: wrote ${path.relative(REPO_ROOT, COST_DOC)}`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
