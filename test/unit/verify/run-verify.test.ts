import { mapWithLimit, runVerify } from '../../../local/verify/run-verify';
import type { SmokePort, TestCasePort, VerifyTestCase } from '../../../local/verify/verify-ports';

const cases: VerifyTestCase[] = [
  { name: 'premier-pas a', journey: 'a', staffing: 'irrelevant' },
  { name: 'premier-pas b', journey: 'b', staffing: 'irrelevant' },
  { name: 'premier-pas c', journey: 'c', staffing: 'staffed' },
];

const smoke = (overrides: Partial<SmokePort> = {}): SmokePort => ({
  alarms: async () => ({ check: 'alarms', status: 'OK', detail: '3 alarms OK' }),
  queues: async () => ({ check: 'queues', status: 'OK', detail: '5 queues empty' }),
  partnerApi: async () => ({ check: 'partnerApi', status: 'OK', detail: '401' }),
  dashboard: async () => ({ check: 'dashboard', status: 'NOT_CHECKED', detail: 'no client' }),
  ...overrides,
});

function port(results: Record<string, 'PASSED' | 'FAILED' | Error>): TestCasePort & { ran: string[] } {
  const ran: string[] = [];
  return {
    ran,
    list: async () => cases,
    async run(testCase) {
      ran.push(testCase.journey);
      const result = results[testCase.journey] ?? 'PASSED';
      if (result instanceof Error) throw result;
      return {
        journey: testCase.journey,
        status: result,
        durationMs: 1500,
        failedAssertions: result === 'FAILED' ? ['Step03: never observed'] : [],
      };
    },
  };
}

describe('runVerify', () => {
  it('runs the cases the staffing allows, prints the table and the checks, and passes', async () => {
    const output: string[] = [];
    const testCases = port({});
    const report = await runVerify({ testCases, smoke: smoke(), write: (text) => output.push(text) });
    expect(testCases.ran).toEqual(['a', 'b']);
    expect(report.ok).toBe(true);
    const printed = output.join('');
    expect(printed).toMatch(/journey\s+status\s+duration\s+failed assertions/);
    expect(printed).toMatch(/a\s+PASSED\s+1\.5 s\s+-/);
    expect(printed).toMatch(/c\s+SKIPPED\s+-\s+needs staffing: staffed/);
    expect(printed).toContain('NOT_CHECKED dashboard: no client');
  });

  it('fails on a failed case, an error, or a failed smoke check', async () => {
    const write = () => {};
    expect((await runVerify({ testCases: port({ b: 'FAILED' }), smoke: smoke(), write })).ok).toBe(false);
    const errored = await runVerify({
      testCases: port({ a: new Error('throttled') }),
      smoke: smoke(),
      write,
    });
    expect(errored.outcomes[0]).toEqual(expect.objectContaining({ status: 'ERROR' }));
    expect(errored.ok).toBe(false);
    const queues = async () => ({ check: 'queues', status: 'FAILED' as const, detail: 'messages waiting' });
    expect((await runVerify({ testCases: port({}), smoke: smoke({ queues }), write })).ok).toBe(false);
  });

  it('runs the staffed journeys when asked', async () => {
    const testCases = port({});
    await runVerify({ testCases, smoke: smoke(), staffing: ['staffed'], write: () => {} });
    expect(testCases.ran).toEqual(['a', 'b', 'c']);
  });

  it('never runs more than the limit at once, and keeps the order', async () => {
    let running = 0;
    let most = 0;
    const results = await mapWithLimit([...Array(12).keys()], 5, async (item) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5 + (item % 3)));
      running -= 1;
      return item * 2;
    });
    expect(most).toBe(5);
    expect(results).toEqual([...Array(12).keys()].map((item) => item * 2));
  });
});
