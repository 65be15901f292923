import { CALLER_PROMPTS } from '#domain/texts/caller-prompts';
import { stageConfig } from '../../../config/stages';
import {
  parseTestCaseContent,
  TestCaseContentError,
  type TestCaseDocument,
} from '../../../infra/flows/testing/test-language';
import { runCall } from '../../../local/flow-interpreter/interpreter';
import type { LambdaPort } from '../../../local/flow-interpreter/interpreter-types';
import { loadTemplateFlows } from '../../../local/flow-interpreter/template-flows';
import { loadTemplateTestCases } from '../../../local/flow-interpreter/template-test-cases';
import { runTestCase, type TestCaseLine } from '../../../local/flow-interpreter/test-case-runner';
import { synthesizeLineTemplates } from '../../../local/runtime/synthesize-app';

/**
 * The local executor of Connect test cases, over the synthesized flows with stand-in Lambdas (the
 * integration test runs the same cases on the real handlers): every deployed case passes, a case
 * written to fail fails, and what the executor cannot judge is an error.
 */

const config = stageConfig();
const flows = loadTemplateFlows(synthesizeLineTemplates(config).map((stack) => stack.template));
const { testCases, testHoursOpen } = loadTemplateTestCases(flows);

/** call-intake answers an empty map; anything else it is asked to run throws. */
const lambdas: LambdaPort = {
  invoke: async (name) =>
    name === 'call-intake'
      ? { ok: true, result: {}, durationMs: 5 }
      : { ok: false, error: { name: 'NotAFlowFunction', message: name }, durationMs: 5 },
};
const line: TestCaseLine = {
  testHoursOpen,
  run: (scenario) =>
    runCall({ flows, lambdas, contactEvents: { send: async () => {} }, hours: config }, scenario),
};

const caseOf = (journey: string): TestCaseDocument => {
  const found = testCases.find((testCase) => testCase.journey === journey);
  if (found === undefined) throw new Error(`no test case for ${journey}`);
  return structuredClone(found.document);
};

describe('the local executor of Connect test cases', () => {
  jest.setTimeout(60_000);

  it.each(testCases.map((testCase) => [testCase.journey, testCase] as const))(
    '%s passes',
    async (_journey, testCase) => {
      const run = await runTestCase(testCase.document, line);
      expect({ status: run.status, failures: run.failures }).toEqual({ status: 'PASSED', failures: [] });
      expect(run.transcript.emergencyNumbersBeforeQueue).toBe(true);
    },
  );

  it('fails a case that expects a prompt the line never plays', async () => {
    const document = caseOf('closed-evening');
    const goodbye = document.Observations.at(-1);
    if (goodbye?.Event.Type !== 'MessageReceived') throw new Error('closed-evening should end on a message');
    goodbye.Event.Properties.Text = 'Une écoutante vous répond tout de suite.';
    const run = await runTestCase(document, line);
    expect(run.status).toBe('FAILED');
    expect(run.failures).toEqual([expect.stringContaining('never observed')]);
  });

  it('fails a case whose caller would queue before hearing the emergency numbers', async () => {
    const document = caseOf('open-staffed');
    // Expect the queue right after the welcome: the emergency numbers come first, so it never matches.
    const [start, intake, welcome, , queue] = document.Observations;
    if (!start || !intake || !welcome || !queue) throw new Error('open-staffed changed shape');
    welcome.Transitions = { NextObservations: [queue.Identifier] };
    const run = await runTestCase({ ...document, Observations: [start, intake, welcome, queue] }, line);
    expect(run.status).toBe('PASSED');
    // …and the reverse order, which a line playing the numbers after the queue would produce, fails.
    const reversed = caseOf('open-staffed');
    const [, , , emergency] = reversed.Observations;
    if (!emergency) throw new Error('open-staffed changed shape');
    emergency.Event = { ...queue.Event };
    emergency.Actions = [];
    const afterQueue = await runTestCase(reversed, line);
    expect(afterQueue.status).toBe('FAILED');
  });

  it('fails a case whose assertion does not hold', async () => {
    const document = caseOf('open-staffed');
    const queue = document.Observations.at(-1);
    queue?.Actions.unshift({
      Identifier: 'WaitNotStarted',
      Type: 'Assert',
      Parameters: { Namespace: '$.Attributes.waitedMinutes', Operator: 'Equals', Operand: '5' },
      Transitions: {},
    });
    const run = await runTestCase(document, line);
    expect(run.status).toBe('FAILED');
    expect(run.failures).toEqual([
      expect.stringContaining('$.Attributes.waitedMinutes Equals 5 failed (was 0)'),
    ]);
  });

  it('rejects semantic matching it cannot judge, and an unknown event or action', async () => {
    const document = caseOf('holiday');
    const welcome = document.Observations[1];
    if (welcome?.Event.Type !== 'MessageReceived') throw new Error('holiday should start on a message');
    welcome.Event.Properties.MatchingCriteria = 'Similarity';
    await expect(runTestCase(document, line)).rejects.toThrow(TestCaseContentError);
    const unknown = JSON.stringify(caseOf('holiday')).replace('"MessageReceived"', '"ParticipantLeft"');
    expect(() => parseTestCaseContent(unknown)).toThrow(TestCaseContentError);
  });

  it('hears what the journey says, keys included', async () => {
    const run = await runTestCase(caseOf('closed-callback-other-number'), line);
    expect(run.transcript.prompts).toContain(CALLER_PROMPTS.keyNumber);
    expect(run.transcript.inputs).toEqual(['1', '2', '3', '2', '10 chiffres']);
    expect(run.transcript.lambdas.map((call) => call.result)).toEqual([{}, { status: 'stored' }]);
  });
});
