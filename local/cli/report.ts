import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { TABLES } from '#domain/tables';
import {
  daysOfMonth,
  parseMonth,
  previousMonth,
  type ReportMonth,
} from '../../functions/monthly-report/period';
import { produceMonthlyReport } from '../../functions/monthly-report/report';
import { REPO_ROOT } from '../../infra/constructs/line-function';
import { playQualifiedMonth } from '../demo/qualified-month';
import { startLocalLine } from '../runtime/line';
import { isLineReachable, type LineDescription, readLineFile } from '../runtime/line-description';
import { folderWriter } from '../runtime/report-folder-writer';

/**
 * `npm run report -- --month 2026-11 [--out DIR]`: the monthly statistics from the local line's
 * statistics table, with the same code as the `monthly-report` Lambda (byDay index, aggregation, small-cell
 * suppression, CSV and HTML). It attaches to a running `npm start` line, or starts its own; when the
 * month has no calls yet, it first plays a seeded month of qualified calls through the real handlers
 * (the flow interpreter, call-intake, contact-events, then qualify-call as the listener's guide would).
 */

const USAGE = `Usage: npm run report -- [--month YYYY-MM] [--out DIR] [--calls N] [--no-seed]

  --month YYYY-MM  month to report on (default: the previous month, Paris time)
  --out DIR        folder for the CSV and the HTML page (default: reports/)
  --calls N        calls to play when the month is empty (default: 120)
  --no-seed        never play calls; report on what the line holds
  --help           this message
`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ReportArgs {
  readonly month: ReportMonth;
  readonly out: string;
  readonly calls: number;
  readonly seed: boolean;
  readonly help: boolean;
}

/** Parses the command line; throws UsageError with a clear message on bad input. */
export function parseReportArgs(argv: readonly string[], now = new Date()): ReportArgs {
  let month: ReportMonth = previousMonth(now);
  let out = path.join(REPO_ROOT, 'reports');
  let calls = 120;
  let seed = true;
  let help = false;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    const value = () => {
      const next = argv[index + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      index += 1;
      return next;
    };
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--month') {
      const text = value();
      try {
        month = parseMonth(text);
      } catch {
        throw new UsageError(`--month must be YYYY-MM (e.g. 2026-11), got "${text}"`);
      }
    } else if (arg === '--out') out = path.resolve(value());
    else if (arg === '--calls') {
      const text = value();
      calls = Number(text);
      if (!Number.isInteger(calls) || calls < 1 || calls > 2_000) {
        throw new UsageError(`--calls must be an integer from 1 to 2000, got "${text}"`);
      }
    } else if (arg === '--no-seed') seed = false;
    else throw new UsageError(`Unknown argument "${arg}"`);
  }
  return { month, out, calls, seed, help };
}

async function monthHasCalls(
  dynamo: DynamoDBDocumentClient,
  table: string,
  month: ReportMonth,
): Promise<boolean> {
  for (const day of daysOfMonth(month)) {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: table,
        IndexName: TABLES.statistics.byDay.indexName,
        KeyConditionExpression: '#day = :day',
        ExpressionAttributeNames: { '#day': 'day' },
        ExpressionAttributeValues: { ':day': day },
        Limit: 1,
      }),
    );
    if ((page.Items ?? []).length > 0) return true;
  }
  return false;
}

async function main(argv: readonly string[]): Promise<void> {
  const args = parseReportArgs(argv);
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  const log = (message: string) => process.stdout.write(`${message}\n`);
  const running = readLineFile();
  const attached = running !== undefined && (await isLineReachable(running));
  const owned = attached ? undefined : await startLocalLine({ onProgress: (message) => log(`  ${message}`) });
  const line = (attached ? running : owned) as LineDescription;
  log(attached ? 'Ligne locale de `npm start` trouvée.' : 'Ligne locale démarrée pour le rapport.');
  const { applyLineEnv } = await import('../runtime/line');
  applyLineEnv(line.env);
  // The report needs no EMF or info logs from the handlers it plays: keep its output readable.
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const raw = new DynamoDBClient({
    endpoint: line.env.AWS_ENDPOINT_URL_DYNAMODB,
    region: line.env.AWS_REGION,
  });
  const dynamo = DynamoDBDocumentClient.from(raw);
  try {
    const table = line.env.STATISTICS_TABLE_NAME;
    if (args.seed && !(await monthHasCalls(dynamo, table, args.month))) {
      log(`Aucun appel en ${args.month} : ${args.calls} appels qualifiés sont joués sur la ligne locale…`);
      const played = await playQualifiedMonth(line, args.month, args.calls, log);
      log(
        `  issues : ${JSON.stringify(played.outcomes)} ; qualifications enregistrées : ${played.qualified}`,
      );
    }
    log(`Lecture des appels de ${args.month} (index byDay, un jour à la fois)…`);
    const result = await produceMonthlyReport(args.month, {
      dynamo,
      statisticsTable: table,
      writer: folderWriter(args.out),
      onDay: (day, count) => {
        if (count > 0) log(`  ${day} : ${count} appel(s)`);
      },
    });
    log(`${result.calls} appels lus. Fichiers écrits :`);
    for (const file of result.files) log(`  ${file}`);
  } finally {
    raw.destroy();
    await owned?.stop();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((caught: unknown) => {
    const error = caught instanceof Error ? caught : new Error(String(caught));
    process.stderr.write(
      `${error instanceof UsageError ? `${error.message}\n\n${USAGE}` : `${error.stack ?? error.message}\n`}`,
    );
    process.exitCode = error instanceof UsageError ? 2 : 1;
  });
}
