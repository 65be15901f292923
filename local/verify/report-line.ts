/**
 * Lambda's report of an invocation, which ends every invocation in the function's log group. In the
 * text log format it is a REPORT line:
 *   REPORT RequestId: 3f…  Duration: 12.34 ms  Billed Duration: 13 ms  Memory Size: 256 MB
 *   Max Memory Used: 91 MB  Init Duration: 412.56 ms
 * In the JSON log format, the line's (LineFunction sets it), it is a `platform.report` event:
 *   {"time":"…","type":"platform.report","record":{"requestId":"3f…","metrics":{"durationMs":12.34,
 *   "billedDurationMs":13,"memorySizeMB":256,"maxMemoryUsedMB":91,"initDurationMs":412.56},…}}
 * The init duration appears only on a cold start: it is the cold start, measured by Lambda.
 * `npm run verify` reads them from the Line stack's log groups (local/verify/cold-starts.ts).
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

const finite = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** A `platform.report` event of the JSON log format; undefined for any other JSON. */
function parsePlatformReport(line: string): ReportLine | undefined {
  let event: { type?: unknown; record?: { requestId?: unknown; metrics?: Record<string, unknown> } };
  try {
    event = JSON.parse(line) as typeof event;
  } catch {
    return undefined;
  }
  if (event?.type !== 'platform.report' || typeof event.record?.requestId !== 'string') return undefined;
  const metrics = event.record.metrics ?? {};
  const durationMs = finite(metrics.durationMs);
  const billedMs = finite(metrics.billedDurationMs);
  const memoryMb = finite(metrics.memorySizeMB);
  const maxMemoryUsedMb = finite(metrics.maxMemoryUsedMB);
  if (durationMs === undefined || billedMs === undefined) return undefined;
  if (memoryMb === undefined || maxMemoryUsedMb === undefined) return undefined;
  const initDurationMs = finite(metrics.initDurationMs);
  return {
    requestId: event.record.requestId,
    durationMs,
    billedMs,
    memoryMb,
    maxMemoryUsedMb,
    ...(initDurationMs === undefined ? {} : { initDurationMs }),
  };
}

/** Parses a report, text or JSON; undefined for any other log line. */
export function parseReportLine(line: string): ReportLine | undefined {
  if (line.trimStart().startsWith('{')) return parsePlatformReport(line.trim());
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
