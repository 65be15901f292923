import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { CALLER_PROMPTS } from '#domain/texts/caller-prompts';
import { CALLER_JOURNEYS } from '../../infra/flows/journeys';
import {
  parseTestCaseContent,
  TESTING_LANGUAGE_VERSION,
  TestCaseContentError,
  type TestCaseDocument,
} from '../../infra/flows/testing/test-language';
import { resourcesOf, synthesizeLine } from '../support/synth';
import { EXTRA_SCHEMAS_FOLDER } from './cfn-lint';

/**
 * The Line stack deploys one AWS::Connect::TestCase per caller journey: properties as the CloudFormation
 * reference allows them (the schema cfn-lint is given), Content a 2025-06-21 test case our schema
 * accepts, and every case hears the emergency numbers before anything else and before any queue.
 */

/** Intrinsics replaced by a placeholder string, as CloudFormation would put a resolved value there. */
function withPlaceholders(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withPlaceholders);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [key, argument] = entries[0] ?? [];
  if (entries.length === 1 && key === 'Fn::Join' && Array.isArray(argument)) {
    const [separator, parts] = argument as [string, unknown[]];
    return parts.map((part) => String(withPlaceholders(part))).join(separator);
  }
  if (entries.length === 1 && key !== undefined && (key === 'Ref' || key.startsWith('Fn::')))
    return `arn:aws:placeholder:${JSON.stringify(argument).replace(/[^A-Za-z0-9]/g, '')}`;
  return Object.fromEntries(entries.map(([name, inner]) => [name, withPlaceholders(inner)]));
}

const { line } = synthesizeLine();
const testCases = Object.entries(resourcesOf(line, 'AWS::Connect::TestCase')).map(
  ([logicalId, resource]) => ({
    logicalId,
    properties: withPlaceholders(resource.Properties) as Record<string, unknown>,
  }),
);
const documents = testCases.map(({ properties }) => parseTestCaseContent(String(properties.Content)));

const heardTexts = (document: TestCaseDocument) =>
  document.Observations.flatMap((observation) =>
    observation.Event.Type === 'MessageReceived' ? [observation.Event.Properties.Text] : [],
  );

describe('Connect test cases in the Line template', () => {
  it('has one test case per caller journey, at least 15, with unique names', () => {
    expect(testCases.length).toBeGreaterThanOrEqual(15);
    expect(testCases).toHaveLength(CALLER_JOURNEYS.length);
    const names = testCases.map(({ properties }) => properties.Name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives CloudFormation properties its AWS::Connect::TestCase schema accepts', () => {
    const schema = JSON.parse(
      fs.readFileSync(path.join(EXTRA_SCHEMAS_FOLDER, 'aws-connect-testcase.json'), 'utf8'),
    ) as Record<string, unknown>;
    const validate = new Ajv({ strict: false }).compile({
      type: 'object',
      definitions: schema.definitions,
      properties: schema.properties,
      required: schema.required,
      additionalProperties: false,
    });
    for (const { logicalId, properties } of testCases) {
      expect({ logicalId, valid: validate(properties), errors: validate.errors ?? null }).toEqual({
        logicalId,
        valid: true,
        errors: null,
      });
      expect(properties.Status).toBe('PUBLISHED');
      expect(properties.EntryPoint).toEqual(expect.objectContaining({ Type: 'VOICE_CALL' }));
    }
  });

  it('holds Content that is valid JSON in the testing language 2025-06-21', () => {
    for (const document of documents) expect(document.Version).toBe(TESTING_LANGUAGE_VERSION);
  });

  it('expects the welcome, then 17, 114 and 39 19, before anything else is heard and before any queue', () => {
    for (const document of documents) {
      expect(heardTexts(document).slice(0, 2)).toEqual([
        CALLER_PROMPTS.welcome,
        CALLER_PROMPTS.emergencyNumbers,
      ]);
      const order = document.Observations.map((observation) => observation.Event);
      const emergency = order.findIndex(
        (event) =>
          event.Type === 'MessageReceived' && event.Properties.Text === CALLER_PROMPTS.emergencyNumbers,
      );
      const queue = order.findIndex(
        (event) =>
          event.Type === 'FlowActionStarted' && event.Properties.ActionType === 'TransferContactToQueue',
      );
      if (queue !== -1) expect(emergency).toBeLessThan(queue);
    }
  });

  it('forces the hours in every case and mocks request-callback wherever it is reached', () => {
    let mocked = 0;
    for (const document of documents) {
      const first = document.Observations[0];
      expect(first?.Event.Type).toBe('TestInitiated');
      expect(first?.Actions.map((action) => action.Type)).toEqual(['OverrideSystemBehavior']);
      const callbackInvocations = document.Observations.filter(
        (observation) =>
          observation.Event.Type === 'FlowActionStarted' &&
          observation.Event.Properties.ActionType === 'InvokeLambdaFunction' &&
          JSON.stringify(observation.Event).includes('RequestCallback'),
      );
      // A real request on a deployed line would have a listener call a test number back.
      for (const observation of callbackInvocations)
        expect(observation.Actions.map((action) => action.Type)).toEqual(['OverrideSystemBehavior']);
      mocked += callbackInvocations.length;
    }
    expect(mocked).toBeGreaterThan(10);
  });

  it('rejects an unknown event or action, and a wrong version', () => {
    const valid = documents[0] as TestCaseDocument;
    const unknownEvent = structuredClone(valid) as unknown as { Observations: { Event: { Type: string } }[] };
    (unknownEvent.Observations[1] as { Event: { Type: string } }).Event.Type = 'AgentAccepted';
    expect(() => parseTestCaseContent(JSON.stringify(unknownEvent))).toThrow(TestCaseContentError);
    const unknownAction = structuredClone(valid) as unknown as { Observations: { Actions: unknown[] }[] };
    (unknownAction.Observations[1] as { Actions: unknown[] }).Actions.push({
      Identifier: 'Sneaky',
      Type: 'SkipEverything',
      Parameters: {},
    });
    expect(() => parseTestCaseContent(JSON.stringify(unknownAction))).toThrow(/Actions/);
    expect(() => parseTestCaseContent(JSON.stringify({ ...valid, Version: '2019-10-30' }))).toThrow(
      TestCaseContentError,
    );
    expect(() => parseTestCaseContent('not json')).toThrow(/not JSON/);
  });
});
