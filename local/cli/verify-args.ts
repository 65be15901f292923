import { parseArgs } from 'node:util';
import { STAGES } from '../../config/stages';

const STAGE_NAMES = Object.keys(STAGES);

/** The flags of `npm run verify`, checked. */

export const VERIFY_USAGE = `Usage: npm run verify -- --stage <${STAGE_NAMES.join('|')}> [--staffing staffed|nobody] [--partner-api-url URL]
       npm run verify -- --local

After a deploy: starts every Connect test case of the line (StartTestCaseExecution, at most 5 at
once), polls each until it ends, prints journey, status, duration and failed assertions, then smoke
checks the stacks: alarms in OK or INSUFFICIENT_DATA, the callback queue and dead-letter queues empty,
a signed-out call to the partner API refused with 401, the dashboard present. Exits 1 on any failure.
Last, it prints the cold starts Lambda measured over the last 24 hours (the Init Duration of the
reports in the Line stack's log groups): a figure for ops, not a check.

  --stage NAME           the deployed stage to verify (AWS credentials from the usual chain)
  --local                the same checks on the local line: emulators started here, test cases run by
                         the local executor, smoke checks on the local queues and partner API server
  --staffing STATE       also run the journeys that need the line in this state: staffed (a listener
                         available on the queue) or nobody (no listener staffed). Repeatable.
                         Journeys with the hours forced closed always run.
  --partner-api-url URL  the partner API's base URL (Line stack output), for the 401 check on AWS
  --help                 this text`;

export type VerifyArgs =
  | { readonly mode: 'help' }
  | { readonly mode: 'local' }
  | {
      readonly mode: 'aws';
      readonly stage: string;
      readonly staffing: readonly ('staffed' | 'nobody')[];
      readonly partnerApiUrl?: string;
    };

/** A flag verify cannot run with: the message says which and what is expected. */
export class VerifyArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VerifyArgsError';
  }
}

/**
 * Reads verify's command line.
 * @throws VerifyArgsError for an unknown flag, a missing or unknown stage, or flags that do not go together
 */
export function parseVerifyArgs(argv: readonly string[]): VerifyArgs {
  let values: {
    stage?: string;
    local?: boolean;
    staffing?: string[];
    'partner-api-url'?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      allowPositionals: false,
      options: {
        stage: { type: 'string' },
        local: { type: 'boolean' },
        staffing: { type: 'string', multiple: true },
        'partner-api-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new VerifyArgsError((error as Error).message);
  }
  if (values.help) return { mode: 'help' };
  if (values.local) {
    if (
      values.stage !== undefined ||
      values.staffing !== undefined ||
      values['partner-api-url'] !== undefined
    )
      throw new VerifyArgsError(
        '--local takes no other flag: the local line simulates staffing and serves its own API',
      );
    return { mode: 'local' };
  }
  if (values.stage === undefined)
    throw new VerifyArgsError('say which line to verify: --stage <name> or --local');
  if (!STAGE_NAMES.includes(values.stage))
    throw new VerifyArgsError(`unknown stage "${values.stage}": expected ${STAGE_NAMES.join(' or ')}`);
  const staffing = values.staffing ?? [];
  for (const state of staffing) {
    if (state !== 'staffed' && state !== 'nobody')
      throw new VerifyArgsError(`--staffing ${state}: expected staffed or nobody`);
  }
  const partnerApiUrl = values['partner-api-url'];
  if (partnerApiUrl !== undefined && !/^https:\/\//.test(partnerApiUrl))
    throw new VerifyArgsError(`--partner-api-url ${partnerApiUrl}: expected an https:// URL`);
  return {
    mode: 'aws',
    stage: values.stage,
    staffing: staffing as ('staffed' | 'nobody')[],
    ...(partnerApiUrl === undefined ? {} : { partnerApiUrl }),
  };
}
