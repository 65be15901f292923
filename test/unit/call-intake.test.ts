import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import {
  type CallIntakeDeps,
  callIntake,
  RECORDED_RESPONSE,
  SAFE_DEFAULTS,
} from '../../functions/call-intake/record-call-start';
import { recordingMetricSink } from '../../functions/shared/emit-metric';
import { readSample } from './events/sample-events';

const NOW = new Date('2026-03-10T09:15:02.000Z');
const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1' }));
const dynamo = mockClient(documentClient);

function setup(overrides: Partial<CallIntakeDeps> = {}) {
  const metrics = recordingMetricSink();
  const logs: unknown[] = [];
  const deps: CallIntakeDeps = {
    dynamo: documentClient,
    tableName: 'calls',
    metrics,
    logger: { info: (...args) => logs.push(args), warn: (...args) => logs.push(args) },
    now: () => NOW,
    ...overrides,
  };
  return { deps, metrics, logs };
}

const fallbacks = (metrics: ReturnType<typeof recordingMetricSink>) =>
  metrics.recorded.filter((metric) => metric.key === 'flowLambdaFallbacks');

beforeEach(() => dynamo.reset());

describe('callIntake', () => {
  test('records the start once per ContactId, with nothing derived from the number', async () => {
    dynamo.on(UpdateCommand).resolves({});
    const { deps, metrics, logs } = setup();

    const response = await callIntake(readSample('contact-flow/call-intake.json'), deps);

    expect(response).toEqual(RECORDED_RESPONSE);
    expect(Object.values(response).every((value) => typeof value === 'string')).toBe(true);
    const [update] = dynamo.commandCalls(UpdateCommand);
    const input = update?.args[0].input;
    expect(input?.Key).toEqual({ contactId: '5f1c2a7e-0b8e-4a3a-9c63-2f6f4c1e9a01' });
    // Idempotent: every field keeps its first value.
    expect(input?.UpdateExpression).toContain('initiatedAt = if_not_exists(initiatedAt, :startedAt)');
    expect(input?.UpdateExpression).not.toContain('callerKey');
    // The call item lives a fortnight at most: its statistics move out under a random id.
    expect(input?.ExpressionAttributeValues).toEqual({
      ':startedAt': '2026-03-10T09:15:02.000Z',
      ':day': '2026-03-10',
      ':expiresAt': Math.floor(NOW.getTime() / 1000) + 14 * 86_400,
      ':channel': 'VOICE',
      ':initiationMethod': 'INBOUND',
      ':one': 1,
    });
    expect(JSON.stringify(input)).not.toContain('199001234');
    expect(JSON.stringify(logs)).not.toContain('199001234');
    expect(fallbacks(metrics)).toHaveLength(0);
  });

  test('a withheld number is recorded the same way', async () => {
    dynamo.on(UpdateCommand).resolves({});
    const { deps } = setup();

    await expect(
      callIntake(readSample('contact-flow/call-intake-withheld-number.json'), deps),
    ).resolves.toEqual(RECORDED_RESPONSE);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(1);
  });

  test.each([
    [
      'DynamoDB throttling',
      () =>
        dynamo
          .on(UpdateCommand)
          .rejects(Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' })),
      {},
    ],
    ['no table configured', () => dynamo.on(UpdateCommand).resolves({}), { tableName: undefined }],
  ] as const)('answers safe defaults and counts a fallback on %s', async (_label, arrange, overrides) => {
    arrange();
    const { deps, metrics, logs } = setup(overrides);

    await expect(callIntake(readSample('contact-flow/call-intake.json'), deps)).resolves.toEqual(
      SAFE_DEFAULTS,
    );
    expect(fallbacks(metrics)).toEqual([
      { key: 'flowLambdaFallbacks', value: 1, dimensions: { function: 'call-intake' } },
    ]);
    expect(JSON.stringify(logs)).not.toContain('199001234');
  });

  test.each([
    null,
    'garbage',
    { Name: 'ContactFlowEvent' },
    readSample('contact-events/answered/initiated.json'),
  ])('a bad event answers safe defaults without writing (%#)', async (event) => {
    const { deps, metrics } = setup();
    await expect(callIntake(event, deps)).resolves.toEqual(SAFE_DEFAULTS);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(fallbacks(metrics)).toHaveLength(1);
  });

  test('a DynamoDB that never answers is cut at the budget, and the request is aborted', async () => {
    let aborted = false;
    // A document client whose send never settles, and notices the abort signal.
    const stuck = {
      send: (_command: unknown, options?: { abortSignal?: AbortSignal }) =>
        new Promise<never>(() => {
          options?.abortSignal?.addEventListener('abort', () => {
            aborted = true;
          });
        }),
    } as unknown as CallIntakeDeps['dynamo'];
    const { deps, metrics } = setup({ budgetMs: 100, dynamo: stuck });
    const started = performance.now();

    const response = await callIntake(readSample('contact-flow/call-intake.json'), deps);

    expect(response).toEqual(SAFE_DEFAULTS);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(aborted).toBe(true);
    expect(fallbacks(metrics)).toHaveLength(1);
  });
});
