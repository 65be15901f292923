import type { JourneyStaffing } from '../../infra/flows/journeys';
import type { SmokePort, SmokeResult, TestCaseOutcome, TestCasePort, VerifyTestCase } from './verify-ports';
import { formatSmokeResults, formatTestCaseTable } from './verify-report';

/** Connect runs at most this many of our test cases at once (the brief for verify; it spares the line). */
export const MAX_CONCURRENT_TEST_CASES = 5;

export interface VerifyOptions {
  readonly testCases: TestCasePort;
  readonly smoke: SmokePort;
  /** Staffing the line is in now: journeys needing it run too. `irrelevant` ones always run. */
  readonly staffing?: readonly Exclude<JourneyStaffing, 'irrelevant'>[];
  /** @default MAX_CONCURRENT_TEST_CASES */
  readonly concurrency?: number;
  readonly write: (text: string) => void;
}

export interface VerifyReport {
  readonly outcomes: readonly TestCaseOutcome[];
  readonly skipped: readonly VerifyTestCase[];
  readonly smoke: readonly SmokeResult[];
  /** Every test case passed and no smoke check failed. */
  readonly ok: boolean;
}

/** Runs `run` over `items`, at most `limit` at a time, keeping the items' order in the results. */
export async function mapWithLimit<Item, Result>(
  items: readonly Item[],
  limit: number,
  run: (item: Item) => Promise<Result>,
): Promise<Result[]> {
  const results: Result[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) {
      results[index] = await run(items[index] as Item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * The verify run: every test case the line's staffing allows, at most five at once, then the smoke
 * checks. Writes the table and the checks; `ok` is false on any failed or errored case or check.
 */
export async function runVerify(options: VerifyOptions): Promise<VerifyReport> {
  const staffing = new Set<JourneyStaffing>(['irrelevant', ...(options.staffing ?? [])]);
  const all = await options.testCases.list();
  const selected = all.filter((testCase) => staffing.has(testCase.staffing));
  const skipped = all.filter((testCase) => !staffing.has(testCase.staffing));
  options.write(`Running ${selected.length} test cases (${skipped.length} need another staffing)…\n`);
  const outcomes = await mapWithLimit(
    selected,
    options.concurrency ?? MAX_CONCURRENT_TEST_CASES,
    async (testCase): Promise<TestCaseOutcome> => {
      try {
        return await options.testCases.run(testCase);
      } catch (error) {
        return {
          journey: testCase.journey,
          status: 'ERROR',
          durationMs: 0,
          failedAssertions: [String(error)],
        };
      }
    },
  );
  options.write(`${formatTestCaseTable(outcomes, skipped)}\n`);
  const smoke = [];
  for (const check of ['alarms', 'queues', 'partnerApi', 'dashboard'] as const) {
    try {
      smoke.push(await options.smoke[check]());
    } catch (error) {
      smoke.push({ check, status: 'FAILED' as const, detail: String(error) });
    }
  }
  options.write(`${formatSmokeResults(smoke)}\n`);
  const ok =
    outcomes.length > 0 &&
    outcomes.every((outcome) => outcome.status === 'PASSED') &&
    smoke.every((result) => result.status !== 'FAILED');
  return { outcomes, skipped, smoke, ok };
}
