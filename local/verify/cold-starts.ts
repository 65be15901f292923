import { parseReportLine } from './report-line';

/**
 * The cold starts Lambda measured on the deployed line: the init duration of every report in the Line
 * stack's log groups over a recent window, per log group (one per function). Informational in
 * `npm run verify`: a slow cold start is not a failed deploy, but ops see the figure the cost and
 * cold-start notes (docs/cold-start.md) only estimate.
 */

/** Reads log groups and their report lines; the AWS implementation is aws-logs.ts. */
export interface LogsPort {
  /** Names of the log groups whose name starts with `prefix`. */
  logGroups(prefix: string): Promise<readonly string[]>;
  /** The report lines (text or JSON) of `logGroup` since `sinceMs`, at most `limit`. */
  reportLines(logGroup: string, sinceMs: number, limit: number): Promise<readonly string[]>;
}

export interface ColdStartRow {
  readonly logGroup: string;
  /** Reports read in the window. */
  readonly invocations: number;
  /** Init durations (ms) of the cold starts among them, sorted. */
  readonly initDurationsMs: readonly number[];
}

/** Reports read per log group, at most: enough for a median and a maximum. */
export const REPORTS_PER_GROUP = 1_000;

export async function readColdStarts(
  logs: LogsPort,
  prefix: string,
  sinceMs: number,
): Promise<ColdStartRow[]> {
  const rows: ColdStartRow[] = [];
  for (const logGroup of await logs.logGroups(prefix)) {
    const reports = (await logs.reportLines(logGroup, sinceMs, REPORTS_PER_GROUP))
      .map(parseReportLine)
      .filter((report) => report !== undefined);
    rows.push({
      logGroup,
      invocations: reports.length,
      initDurationsMs: reports
        .flatMap((report) => (report.initDurationMs === undefined ? [] : [report.initDurationMs]))
        .sort((a, b) => a - b),
    });
  }
  return rows;
}
