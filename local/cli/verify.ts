import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConnectClient } from '@aws-sdk/client-connect';
import { SQSClient } from '@aws-sdk/client-sqs';
import { stageConfig } from '../../config/stages';
import { lineStackName } from '../../infra/build-app';
import { awsLogs } from '../verify/aws-logs';
import { awsSmoke } from '../verify/aws-smoke';
import { awsTestCases } from '../verify/aws-test-cases';
import { readColdStarts } from '../verify/cold-starts';
import { runVerify } from '../verify/run-verify';
import { verifyLocally } from '../verify/verify-local-line';
import { formatColdStarts } from '../verify/verify-report';
import { parseVerifyArgs, VERIFY_USAGE, VerifyArgsError } from './verify-args';

/** `npm run verify`: the deployed line's Connect test cases and smoke checks (see VERIFY_USAGE). */

const write = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

/** The window of reports the cold-start table reads: a day covers the test cases just run. */
const COLD_START_WINDOW_HOURS = 24;

/** Prints the cold starts Lambda measured; informational, so a failure to read them is said, not fatal. */
async function printColdStarts(region: string, stackName: string): Promise<void> {
  const logs = new CloudWatchLogsClient({ region });
  try {
    const since = Date.now() - COLD_START_WINDOW_HOURS * 3_600_000;
    write(formatColdStarts(await readColdStarts(awsLogs(logs), stackName, since), COLD_START_WINDOW_HOURS));
  } catch (error) {
    write(
      `Cold starts: not read (${error instanceof Error ? `${error.name}: ${error.message}` : String(error)})`,
    );
  } finally {
    logs.destroy();
  }
}

async function verifyAws(stage: string, staffing: readonly ('staffed' | 'nobody')[], partnerApiUrl?: string) {
  const config = stageConfig(stage);
  const connect = new ConnectClient({ region: config.region });
  const sqs = new SQSClient({ region: config.region });
  try {
    const report = await runVerify({
      testCases: awsTestCases({ connect, instanceAlias: config.instanceAlias }),
      smoke: awsSmoke({
        sqs,
        lineStackName: lineStackName(config.stage),
        ...(partnerApiUrl === undefined ? {} : { partnerApiUrl }),
      }),
      staffing,
      write,
    });
    await printColdStarts(config.region, lineStackName(config.stage));
    return report;
  } finally {
    connect.destroy();
    sqs.destroy();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let args: ReturnType<typeof parseVerifyArgs>;
  try {
    args = parseVerifyArgs(argv);
  } catch (error) {
    if (!(error instanceof VerifyArgsError)) throw error;
    process.stderr.write(`verify: ${error.message}\n\n${VERIFY_USAGE}\n`);
    return 2;
  }
  if (args.mode === 'help') {
    write(VERIFY_USAGE);
    return 0;
  }
  const report =
    args.mode === 'local'
      ? await verifyLocally({ write })
      : await verifyAws(args.stage, args.staffing, args.partnerApiUrl);
  write(report.ok ? 'verify: the line is ready.' : 'verify: FAILED, see above.');
  return report.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `verify: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
