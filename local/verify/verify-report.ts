import type { SmokeResult, TestCaseOutcome, VerifyTestCase } from './verify-ports';

/** The verify table and smoke-check lines, as `npm run verify` prints them. */

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
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) =>
    row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column] ?? 0) : cell)).join('  ');
  const passed = outcomes.filter((outcome) => outcome.status === 'PASSED').length;
  return [
    line(rows[0] ?? []),
    ...rows.slice(1).map(line),
    `test cases passed: ${passed}, failed: ${outcomes.length - passed}, skipped: ${skipped.length}`,
  ].join('\n');
}

/** One line per smoke check. */
export function formatSmokeResults(results: readonly SmokeResult[]): string {
  return results.map((result) => `${result.status.padEnd(11)} ${result.check}: ${result.detail}`).join('\n');
}
