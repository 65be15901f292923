import * as z from 'zod/mini';

/**
 * The Amazon Connect testing language (Version 2025-06-21) as a strict zod schema: the content of an
 * `AWS::Connect::TestCase`. Only the events and actions this line's test cases use are accepted; any other
 * Type is a parse error, so an unknown event or action can never pass silently. Written from:
 *
 * - structure: docs.aws.amazon.com/connect/latest/APIReference/testing-language-observations.html
 * - full example: docs.aws.amazon.com/connect/latest/APIReference/testing-language-example.html
 * - events: …/testing-language-events-test-initiated.html, …-test-completed.html,
 *   …-message-received.html, …-flow-action-started.html
 * - actions: …/testing-language-actions-send-instruction.html, …-override-system-behavior.html,
 *   devguide/testing-language-actions-assertion.html, …/testing-language-actions-test-control.html
 *
 * Where the pages disagree or are silent, docs/connect-test-cases.md says what we chose and why.
 */

/** The testing-language version the test cases are written in. */
export const TESTING_LANGUAGE_VERSION = '2025-06-21';

/** Flow actions a test case observes (FlowActionStarted) or overrides (OverrideSystemBehavior). */
export const OBSERVED_FLOW_ACTIONS = [
  'InvokeLambdaFunction',
  'CheckHoursOfOperation',
  'TransferContactToQueue',
] as const;

const identifier = z.string().check(z.minLength(1));
const nextAction = z.strictObject({ NextAction: z.optional(z.string()) });

const testInitiated = z.strictObject({
  Identifier: identifier,
  Type: z.literal('TestInitiated'),
  Actor: z.literal('System'),
  Properties: z.strictObject({}),
});

const testCompleted = z.strictObject({
  Identifier: identifier,
  Type: z.literal('TestCompleted'),
  Actor: z.literal('System'),
  Properties: z.strictObject({}),
});

/** Text only: the line plays no prompt resource, SSML or external media. */
const messageReceived = z.strictObject({
  Identifier: identifier,
  Type: z.literal('MessageReceived'),
  Actor: z.literal('System'),
  Properties: z.strictObject({
    Text: z.string().check(z.minLength(1)),
    MatchingCriteria: z.enum(['Inclusion', 'Similarity']),
  }),
});

const lambdaParameters = z.strictObject({ LambdaFunctionARN: z.string() });
const hoursParameters = z.strictObject({ HoursOfOperationId: z.string() });

const flowActionStarted = z.strictObject({
  Identifier: identifier,
  Type: z.literal('FlowActionStarted'),
  Actor: z.literal('System'),
  Properties: z.union([
    z.strictObject({ ActionType: z.literal('InvokeLambdaFunction'), ActionParameters: lambdaParameters }),
    z.strictObject({ ActionType: z.literal('CheckHoursOfOperation'), ActionParameters: hoursParameters }),
    // The page shows no parameter we need for the queue transfer: an empty object observes any queue.
    z.strictObject({
      ActionType: z.literal('TransferContactToQueue'),
      ActionParameters: z.strictObject({ QueueId: z.optional(z.string()) }),
    }),
  ]),
});

/** Every event this line's test cases observe. */
export const testEventSchema = z.discriminatedUnion('Type', [
  testInitiated,
  testCompleted,
  messageReceived,
  flowActionStarted,
]);

const sendDtmf = z.strictObject({
  Identifier: identifier,
  Type: z.literal('SendInstruction'),
  Parameters: z.strictObject({
    ActionType: z.literal('SendInstruction'),
    Actor: z.literal('Customer'),
    Instruction: z.strictObject({
      Type: z.literal('DtmfInput'),
      Properties: z.strictObject({ Value: z.string().check(z.regex(/^[0-9*#]+$/)) }),
    }),
  }),
  Transitions: nextAction,
});

const substitute = z.strictObject({ Type: z.literal('SubstituteResource'), SubstituteArn: z.string() });
const mockExecution = z.strictObject({
  Type: z.literal('MockResponse'),
  Response: z.strictObject({
    Type: z.literal('ExecutionResult'),
    ExecutionResult: z.strictObject({
      DelaySeconds: z.optional(z.number().check(z.nonnegative())),
      /** The Lambda's answer, serialized JSON. */
      LoadedData: z.string(),
    }),
  }),
});

const overrideSystemBehavior = z.strictObject({
  Identifier: identifier,
  Type: z.literal('OverrideSystemBehavior'),
  Parameters: z.strictObject({
    ActionType: z.literal('OverrideSystemBehavior'),
    Behavior: z.strictObject({
      Type: z.literal('FlowAction'),
      Properties: z.union([
        z.strictObject({
          ActionType: z.literal('InvokeLambdaFunction'),
          ActionParameters: lambdaParameters,
          Strategy: z.union([substitute, mockExecution]),
        }),
        // The example page substitutes a whole hours of operation resource.
        z.strictObject({
          ActionType: z.literal('CheckHoursOfOperation'),
          ActionParameters: hoursParameters,
          Strategy: substitute,
        }),
      ]),
    }),
  }),
  Transitions: nextAction,
});

/** The comparison operators of the Assert action. */
export const ASSERT_OPERATORS = [
  'Equals',
  'TextStartsWith',
  'TextEndsWith',
  'TextContains',
  'NumberGreaterThan',
  'NumberGreaterOrEqualTo',
  'NumberLessThan',
  'NumberLessOrEqualTo',
  'Exists',
] as const;

const assertAction = z.strictObject({
  Identifier: identifier,
  Type: z.literal('Assert'),
  Parameters: z.strictObject({
    Namespace: z.string().check(z.regex(/^\$\./)),
    Operator: z.enum(ASSERT_OPERATORS),
    Operand: z.optional(z.string()),
  }),
  Transitions: nextAction,
});

const testControl = z.strictObject({
  Identifier: identifier,
  Type: z.literal('TestControl'),
  Parameters: z.strictObject({
    ActionType: z.literal('TestControl'),
    Command: z.union([
      z.strictObject({ Type: z.literal('EndTest') }),
      z.strictObject({
        Type: z.literal('LogData'),
        Properties: z.strictObject({ Expressions: z.record(z.string(), z.string()) }),
      }),
    ]),
  }),
  Transitions: nextAction,
});

/** Every action this line's test cases take. */
export const testActionSchema = z.discriminatedUnion('Type', [
  sendDtmf,
  overrideSystemBehavior,
  assertAction,
  testControl,
]);

const observationSchema = z.strictObject({
  Identifier: identifier,
  Event: testEventSchema,
  Actions: z.array(testActionSchema),
  Usage: z.strictObject({
    Type: z.literal('EXACTLY'),
    Times: z.optional(z.number().check(z.int(), z.positive())),
  }),
  Transitions: z.optional(z.strictObject({ NextObservations: z.array(z.string()) })),
});

/** Local-only settings; Metadata is "non-runtime impacting data" for Connect. */
export const localCallMetadataSchema = z.strictObject({
  /** The journey this test case was generated from. */
  journey: z.string(),
  /** When the simulated call starts (ISO 8601). */
  at: z.iso.datetime({ offset: true }),
  /** Listeners staffed on the queue in the simulation. */
  staffedListeners: z.number().check(z.int(), z.nonnegative()),
  /** Seconds in queue before a staffed listener answers in the simulation. */
  answerAfterSeconds: z.optional(z.number().check(z.positive())),
});

/** A whole test case, as `AWS::Connect::TestCase` Content holds it. */
export const testCaseDocumentSchema = z
  .strictObject({
    Version: z.literal(TESTING_LANGUAGE_VERSION),
    Metadata: z.strictObject({ 'premier-pas': localCallMetadataSchema }),
    Observations: z.array(observationSchema).check(z.minLength(2)),
  })
  .check(
    z.refine((document) => {
      const ids = document.Observations.map((observation) => observation.Identifier);
      return new Set(ids).size === ids.length;
    }, 'observation Identifiers must be unique'),
    z.refine(
      (document) => {
        const ids = new Set(document.Observations.map((observation) => observation.Identifier));
        return document.Observations.every((observation) =>
          (observation.Transitions?.NextObservations ?? []).every((next) => ids.has(next)),
        );
      },
      { message: 'every NextObservations entry must name an observation' },
    ),
  );

export type TestCaseDocument = z.infer<typeof testCaseDocumentSchema>;
export type TestObservation = TestCaseDocument['Observations'][number];
export type TestEvent = z.infer<typeof testEventSchema>;
export type TestAction = z.infer<typeof testActionSchema>;
export type AssertOperator = (typeof ASSERT_OPERATORS)[number];
export type LocalCallMetadata = z.infer<typeof localCallMetadataSchema>;

/** The content is not a test case this line can run: bad JSON, or an unknown event, action or field. */
export class TestCaseContentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TestCaseContentError';
  }
}

/**
 * Parses and validates a test case's Content.
 * @throws TestCaseContentError naming the first problems, e.g. an unknown event or action Type.
 */
export function parseTestCaseContent(content: string): TestCaseDocument {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    throw new TestCaseContentError(`Content is not JSON: ${String(error)}`);
  }
  const parsed = testCaseDocumentSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new TestCaseContentError(`not a ${TESTING_LANGUAGE_VERSION} test case: ${problems.join('; ')}`);
  }
  return parsed.data;
}
