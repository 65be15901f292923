import { createLocalCallRunner } from '../../../local/flow-interpreter/local-call';
import { loadTemplateTestCases } from '../../../local/flow-interpreter/template-test-cases';
import { runTestCase } from '../../../local/flow-interpreter/test-case-runner';
import { withLocalLine } from '../../support/local-line';

/**
 * The Connect test cases the Line stack deploys, run offline: the synthesized flows in the interpreter,
 * call-intake and contact-events as the real handlers on DynamoDB Local, request-callback mocked as each
 * test case says. Every one passes here before it can run on Connect (`npm run verify`).
 */

const line = withLocalLine();
const runner = createLocalCallRunner(line);
const { testCases, testHoursOpen } = loadTemplateTestCases(runner.flows);

describe('Connect test cases on the local line', () => {
  jest.setTimeout(60_000);

  it('has the deployed cases to run', () => {
    expect(testCases.length).toBeGreaterThanOrEqual(15);
  });

  it.each(testCases.map((testCase) => [testCase.journey, testCase] as const))(
    '%s passes on the real handlers',
    async (_journey, testCase) => {
      const run = await runTestCase(testCase.document, { run: runner.run, testHoursOpen });
      expect({ status: run.status, failures: run.failures }).toEqual({ status: 'PASSED', failures: [] });
      expect(run.transcript.emergencyNumbersBeforeQueue).toBe(true);
    },
  );

  it('lets call-intake answer for real where a case does not override it', async () => {
    const testCase = testCases.find((candidate) => candidate.journey === 'open-staffed');
    if (testCase === undefined) throw new Error('no open-staffed test case');
    const run = await runTestCase(testCase.document, { run: runner.run, testHoursOpen });
    expect(run.transcript.lambdas).toEqual([
      expect.objectContaining({ functionName: 'call-intake', ok: true }),
    ]);
  });
});
