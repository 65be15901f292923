import type { LocalCallRunner } from '../flow-interpreter/local-call';
import { loadTemplateTestCases } from '../flow-interpreter/template-test-cases';
import { runTestCase } from '../flow-interpreter/test-case-runner';
import { journeyTestCases } from './journey-cases';
import type { TestCaseOutcome, TestCasePort, VerifyTestCase } from './verify-ports';

/**
 * The test cases on the local line: the Content the Line template deploys, run by the local executor
 * through the interpreter and the real handlers. Every journey runs: the simulation sets the staffing.
 */
export function localTestCases(runner: LocalCallRunner): TestCasePort {
  const { testCases, testHoursOpen } = loadTemplateTestCases(runner.flows);
  return {
    // Locally the staffing is simulated: every journey is runnable whatever it needs on AWS.
    list: async () =>
      journeyTestCases().map((testCase) => ({ ...testCase, staffing: 'irrelevant' as const })),
    async run(testCase: VerifyTestCase): Promise<TestCaseOutcome> {
      const deployed = testCases.find((candidate) => candidate.name === testCase.name);
      if (deployed === undefined) {
        return {
          journey: testCase.journey,
          status: 'ERROR',
          durationMs: 0,
          failedAssertions: [`the Line template has no test case "${testCase.name}"`],
        };
      }
      const started = performance.now();
      const run = await runTestCase(deployed.document, { run: runner.run, testHoursOpen });
      return {
        journey: testCase.journey,
        status: run.status,
        durationMs: Math.round(performance.now() - started),
        failedAssertions: run.failures,
      };
    },
  };
}
