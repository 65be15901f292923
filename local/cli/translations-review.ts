import * as fs from 'node:fs';
import * as path from 'node:path';
import { prod } from '../../config/stages/prod';
import { renderTranslationsReview } from '../docs/translations-review';

/** Writes (or checks) docs/translations-review.md from the translated texts and prod's languages. */

const USAGE = `Usage: sh local/node22.sh npx tsx local/cli/translations-review.ts [--write | --check]

Renders docs/translations-review.md: every translated caller prompt, with its language, key and voice,
each marked "à faire relire".
  --write   writes the file (default: prints it)
  --check   exits 1 when the file differs from the texts`;

const DOC = path.join(import.meta.dirname, '..', '..', 'docs', 'translations-review.md');

function main(argv: readonly string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const unknown = argv.find((arg) => !['--write', '--check'].includes(arg));
  if (unknown !== undefined) {
    console.error(`Unexpected argument "${unknown}".\n\n${USAGE}`);
    return 2;
  }
  const rendered = renderTranslationsReview(prod.callerLanguages);
  if (argv.includes('--check')) {
    const same = fs.existsSync(DOC) && fs.readFileSync(DOC, 'utf8') === rendered;
    if (!same) console.error(`${DOC} differs from the texts: run with --write.`);
    return same ? 0 : 1;
  }
  if (argv.includes('--write')) {
    fs.writeFileSync(DOC, rendered);
    console.log(`Wrote ${DOC}`);
    return 0;
  }
  process.stdout.write(rendered);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
