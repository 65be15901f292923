import type { ColdStartRow } from './cold-starts';
import type { SmokeResult, TestCaseOutcome, VerifyTestCase } from './verify-ports';

/** The verify tables and smoke-check lines, as `npm run verify` prints them. */

/** The rows as lines, every column but the last padded to its widest cell. */
function alignedLines(rows: readonly (readonly string[])[]): string[] {
  const columns = Math.max(0, ...rows.map((row) => row.length)) - 1;
  const widths = Array.from({ length: columns }, (_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  return rows.map((row) =>
    row.map((cell, column) => (column < columns ? cell.padEnd(widths[column] ?? 0) : cell)).join('  '),
  );
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** One row per test case: journey, status, duration, failed assertions; then the skipped ones. */
export function formatTestCaseTable(
  outcomes: readonly TestCaseOutcome[],
  skipped: readonly VerifyTestCase[] = [],
): string {
  const rows = [
    ['journey', 'status', 'duration', 'failed assertions'],
    ...outcomes.map((outcome) => [
      outcome.journey,
      outcome.status,
      seconds(outcome.durationMs),
      outcome.failedAssertions.join('; ') || '-',
    ]),
    ...skipped.map((testCase) => [testCase.journey, 'SKIPPED', '-', `needs staffing: ${testCase.staffing}`]),
  ];
  const passed = outcomes.filter((outcome) => outcome.status === 'PASSED').length;
  return [
    ...alignedLines(rows),
    `test cases passed: ${passed}, failed: ${outcomes.length - passed}, skipped: ${skipped.length}`,
  ].join('\n');
}

/** One line per smoke check. */
export function formatSmokeResults(results: readonly SmokeResult[]): string {
  return results.map((result) => `${result.status.padEnd(11)} ${result.check}: ${result.detail}`).join('\n');
}

const median = (sorted: readonly number[]): number | undefined =>
  sorted.length === 0 ? undefined : sorted[Math.floor((sorted.length - 1) / 2)];
const milliseconds = (value: number | undefined): string =>
  value === undefined ? '–' : `${Math.round(value)} ms`;

/** One row per log group of the Line stack: invocations read, cold starts, median and largest init. */
export function formatColdStarts(rows: readonly ColdStartRow[], windowHours: number): string {
  if (rows.length === 0) return 'Cold starts: no log group found for the Line stack.';
  return [
    `Cold starts measured by Lambda over the last ${windowHours} h (Init Duration of each report):`,
    ...alignedLines([
      ['log group', 'invocations', 'cold starts', 'median init', 'max init'],
      ...rows.map((row) => [
        row.logGroup,
        String(row.invocations),
        String(row.initDurationsMs.length),
        milliseconds(median(row.initDurationsMs)),
        milliseconds(row.initDurationsMs.at(-1)),
      ]),
    ]),
  ].join('\n');
}
