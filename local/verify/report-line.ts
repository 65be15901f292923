/**
 * Lambda's REPORT log line, which ends every invocation in the function's log group, e.g.
 *   REPORT RequestId: 3f…  Duration: 12.34 ms  Billed Duration: 13 ms  Memory Size: 256 MB
 *   Max Memory Used: 91 MB  Init Duration: 412.56 ms
 * `Init Duration` appears only on a cold start: it is the cold start, measured by Lambda. After the
 * first deploy, `npm run verify` can read these lines from the flow functions' log groups (that needs
 * @aws-sdk/client-cloudwatch-logs, not yet a dependency) and report the cold starts it finds.
 */
export interface ReportLine {
  readonly requestId: string;
  readonly durationMs: number;
  readonly billedMs: number;
  readonly memoryMb: number;
  readonly maxMemoryUsedMb: number;
  /** Present on a cold start only. */
  readonly initDurationMs?: number;
}

const field = (line: string, name: string, unit: string): number | undefined => {
  const match = new RegExp(`${name}: ([0-9.]+) ${unit}`).exec(line);
  return match === null ? undefined : Number(match[1]);
};

/** Parses a REPORT line; undefined for any other log line. */
export function parseReportLine(line: string): ReportLine | undefined {
  const requestId = /^REPORT RequestId: (\S+)/.exec(line.trim())?.[1];
  const durationMs = field(line, 'Duration', 'ms');
  const billedMs = field(line, 'Billed Duration', 'ms');
  const memoryMb = field(line, 'Memory Size', 'MB');
  const maxMemoryUsedMb = field(line, 'Max Memory Used', 'MB');
  if (requestId === undefined || durationMs === undefined || billedMs === undefined) return undefined;
  if (memoryMb === undefined || maxMemoryUsedMb === undefined) return undefined;
  const initDurationMs = field(line, 'Init Duration', 'ms');
  return {
    requestId,
    durationMs,
    billedMs,
    memoryMb,
    maxMemoryUsedMb,
    ...(initDurationMs === undefined ? {} : { initDurationMs }),
  };
}

/** The cold starts among `lines`: their Init Duration in ms, in order. */
export const coldStarts = (lines: readonly string[]): number[] =>
  lines
    .map(parseReportLine)
    .flatMap((report) => (report?.initDurationMs === undefined ? [] : [report.initDurationMs]));
