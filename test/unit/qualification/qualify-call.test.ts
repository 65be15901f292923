import type { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import * as fc from 'fast-check';
import * as z from 'zod/mini';
import { QUALIFICATION_FIELDS } from '#domain/qualification/schema';
import { CallQualificationSchema, type PartnerCallbackDetails } from '#domain/qualification/validate';
import { type PartnerCallbackPort, qualifyCall } from '../../../functions/qualify-call/qualify';
import { recordingMetricSink } from '../../../functions/shared/emit-metric';
import { CALLBACK, REAL_CALL_SUBMISSION } from './fixtures';

const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1' }));
const dynamoMock = mockClient(dynamo);
const CONTACT_ID = '7a2d4c1e-3b5f-4e6a-8c9d-0e1f2a3b4c5d';

const event = (parameters: unknown, contactId = CONTACT_ID) => ({
  Name: 'ContactFlowEvent',
  Details: {
    ContactData: { ContactId: contactId, Channel: 'CHAT', Attributes: {} },
    Parameters: parameters,
  },
});

function harness(options: { port?: PartnerCallbackPort; budgetMs?: number } = {}) {
  const logs: unknown[][] = [];
  const logger = {
    info: (...args: unknown[]) => logs.push(args),
    error: (...args: unknown[]) => logs.push(args),
    appendKeys: () => {},
  } as unknown as Logger;
  const metrics = recordingMetricSink();
  const callbacks: { contactId: string; details: PartnerCallbackDetails }[] = [];
  const port: PartnerCallbackPort =
    options.port ??
    (async (contactId, details) => {
      callbacks.push({ contactId, details });
      return { requestId: 'req' };
    });
  const withdrawals: string[] = [];
  const deps = {
    dynamo,
    callsTable: 'calls',
    statisticsTable: 'statistics',
    requestPartnerCallback: port,
    withdrawPartnerCallbacks: async (contactId: string) => {
      withdrawals.push(contactId);
    },
    logger,
    metrics,
    callsRetentionDays: 730,
    now: () => new Date('2026-11-12T10:00:00Z'),
    budgetMs: options.budgetMs ?? 200,
  };
  return { deps, logs, metrics, callbacks, withdrawals };
}

beforeEach(() => {
  dynamoMock.reset();
  // By default the call has not been seen by contact-events yet: nothing to move.
  dynamoMock.on(GetCommand).resolves({});
});

describe('qualifyCall', () => {
  it('stores the qualification on the call by contactId and answers "stored"; a call still open is not counted yet', async () => {
    dynamoMock.on(UpdateCommand).resolves({});
    const { deps, metrics } = harness();
    const result = await qualifyCall(event({ ...REAL_CALL_SUBMISSION, callContactId: 'call-1' }), deps);
    expect(result).toEqual({ status: 'stored', message: 'Qualification enregistrée.' });
    const update = dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(update?.Key).toEqual({ contactId: 'call-1' });
    expect(update?.ExpressionAttributeValues?.[':qualification']).toMatchObject({
      callType: 'real',
      commune: '94028',
    });
    // Its statistics have not moved (the call has not ended): the move will count it.
    expect(metrics.recorded).toEqual([]);
  });

  it('moves the statistics out when the call has already ended, and counts the qualification it moved', async () => {
    dynamoMock.on(UpdateCommand).resolves({});
    dynamoMock.on(GetCommand).resolves({
      Item: {
        contactId: CONTACT_ID,
        initiatedAt: '2026-11-12T09:40:00.000Z',
        disconnectedAt: '2026-11-12T09:55:00.000Z',
        outcome: 'answered',
        talkSeconds: 900,
        qualification: { schemaVersion: 1, callType: 'real', callerRole: 'victim' },
        revision: 3,
      },
    });
    dynamoMock.on(TransactWriteCommand).resolves({});
    const { deps, metrics } = harness();
    expect((await qualifyCall(event(REAL_CALL_SUBMISSION), deps)).status).toBe('stored');
    expect(metrics.recorded).toEqual([
      { key: 'qualificationsRecorded', value: 1, dimensions: {} },
      { key: 'qualificationsByCallerRole', value: 1, dimensions: { callerRole: 'victim' } },
    ]);
    const [put, update] = dynamoMock.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(put?.Put?.Item).toMatchObject({ day: '2026-11-12', hour: 10, outcome: 'answered' });
    expect(put?.Put?.Item).not.toHaveProperty('contactId');
    expect(update?.Update?.Key).toEqual({ contactId: CONTACT_ID });
  });

  it('a move that fails leaves the qualification stored, not yet counted: whoever moves it later counts it', async () => {
    dynamoMock.on(UpdateCommand).resolves({});
    dynamoMock.on(GetCommand).rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    const { deps, metrics } = harness();
    expect((await qualifyCall(event({ callType: 'silent' }), deps)).status).toBe('stored');
    expect(metrics.recorded).toEqual([]);
  });

  it("a store whose answer the budget cut off, then the listener's retry: the qualification is counted once, by the move", async () => {
    const ended = {
      contactId: CONTACT_ID,
      initiatedAt: '2026-11-12T09:40:00.000Z',
      outcome: 'answered',
      talkSeconds: 900,
      revision: 3,
    };
    // The first store lands but its answer comes too late; the retry finds a qualification already there.
    let stored: Record<string, unknown> | undefined;
    dynamoMock
      .on(UpdateCommand)
      .callsFake(async (input: { ExpressionAttributeValues: Record<string, unknown> }) => {
        const old = stored;
        stored = input.ExpressionAttributeValues[':qualification'] as Record<string, unknown>;
        if (old === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
        return { Attributes: old === undefined ? {} : { qualification: old } };
      });
    dynamoMock
      .on(GetCommand)
      .callsFake(async () => ({ Item: { ...ended, qualification: stored, revision: 4 } }));
    dynamoMock.on(TransactWriteCommand).resolves({});
    const { deps, metrics } = harness({ budgetMs: 50 });
    expect((await qualifyCall(event(REAL_CALL_SUBMISSION), deps)).status).toBe('failed');
    expect((await qualifyCall(event(REAL_CALL_SUBMISSION), deps)).status).toBe('stored');
    expect(metrics.recorded.filter((metric) => metric.key === 'qualificationsRecorded')).toEqual([
      { key: 'qualificationsRecorded', value: 1, dimensions: {} },
    ]);
  });

  it('a move slower than the budget is not cut off: it commits, and counts, after the answer', async () => {
    dynamoMock.on(UpdateCommand).resolves({});
    dynamoMock.on(GetCommand).resolves({
      Item: {
        contactId: CONTACT_ID,
        initiatedAt: '2026-11-12T09:40:00.000Z',
        outcome: 'answered',
        qualification: { schemaVersion: 1, callType: 'silent' },
        revision: 3,
      },
    });
    let committed: (() => void) | undefined;
    dynamoMock.on(TransactWriteCommand).callsFake(
      () =>
        new Promise((resolve) => {
          committed = () => resolve({});
        }),
    );
    const { deps, metrics } = harness({ budgetMs: 50 });
    expect((await qualifyCall(event({ callType: 'silent' }), deps)).status).toBe('stored');
    expect(metrics.recorded).toEqual([]);
    committed?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(metrics.recorded).toEqual([{ key: 'qualificationsRecorded', value: 1, dimensions: {} }]);
  });

  it('a submission after the move is not applied: the item takes no qualification any more', async () => {
    dynamoMock
      .on(UpdateCommand)
      .rejects(Object.assign(new Error('conditional'), { name: 'ConditionalCheckFailedException' }));
    const { deps, metrics } = harness();
    expect((await qualifyCall(event({ callType: 'silent' }), deps)).status).toBe('stored');
    expect(dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input.ConditionExpression).toBe(
      'attribute_not_exists(statisticsMovedAt)',
    );
    expect(dynamoMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(metrics.recorded).toEqual([]);
  });

  it('emits no metric for a duplicate submission (the call already had a qualification)', async () => {
    dynamoMock.on(UpdateCommand).resolves({ Attributes: { qualification: { callType: 'real' } } });
    const { deps, metrics } = harness();
    expect((await qualifyCall(event(REAL_CALL_SUBMISSION), deps)).status).toBe('stored');
    expect(metrics.recorded).toEqual([]);
  });

  it('hands a partner callback to the callbacks path, never to the call record', async () => {
    dynamoMock.on(UpdateCommand).resolves({});
    const { deps, callbacks } = harness();
    const result = await qualifyCall(event({ ...REAL_CALL_SUBMISSION, ...CALLBACK }), deps);
    expect(result).toEqual({
      status: 'stored',
      message: 'Qualification enregistrée. Demande de rappel transmise à CIDFF 94.',
    });
    expect(callbacks).toEqual([
      {
        contactId: CONTACT_ID,
        details: expect.objectContaining({ phoneNumber: '+33639981234', partnerId: 'cidff94' }),
      },
    ]);
    const stored = JSON.stringify(dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input);
    expect(stored).not.toMatch(/39981234|Lilas/);
  });

  it("withdraws the call's callback requests when the listener says it is no longer safe, sending no number", async () => {
    dynamoMock.on(UpdateCommand).resolves({});
    const { deps, callbacks, withdrawals, logs } = harness();
    const result = await qualifyCall(
      event({ ...REAL_CALL_SUBMISSION, ...CALLBACK, callbackWithdraw: 'yes' }),
      deps,
    );
    expect(result).toEqual({
      status: 'stored',
      message:
        'Qualification enregistrée. Demande de rappel retirée : l’association ne verra plus le numéro.',
    });
    expect(withdrawals).toEqual([CONTACT_ID]);
    expect(callbacks).toEqual([]);
    expect(JSON.stringify(logs)).not.toContain('39981234');
  });

  it('returns field-level French errors as a flat string map and stores nothing', async () => {
    const { deps, logs } = harness();
    const result = await qualifyCall(
      event({ ...REAL_CALL_SUBMISSION, ...CALLBACK, callbackPhone: '0899123456' }),
      deps,
    );
    expect(result.status).toBe('invalid');
    expect(result.errors).toBe('callbackPhone: Les numéros en 08 ne peuvent pas être rappelés.');
    expect(result.errorFields).toBe('callbackPhone');
    expect(result.message).toContain('Un champ est à corriger');
    expect(Object.values(result).every((value) => typeof value === 'string')).toBe(true);
    expect(dynamoMock.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(JSON.stringify(logs)).not.toContain('0899123456');
  });

  it('answers "failed" with a message when DynamoDB fails, and counts a fallback', async () => {
    dynamoMock
      .on(UpdateCommand)
      .rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    const { deps, metrics } = harness();
    const result = await qualifyCall(event(REAL_CALL_SUBMISSION), deps);
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/Réessayez/);
    expect(metrics.recorded).toEqual([
      { key: 'flowLambdaFallbacks', value: 1, dimensions: { function: 'qualify-call' } },
    ]);
  });

  it('answers within its budget when DynamoDB hangs', async () => {
    dynamoMock.on(UpdateCommand).callsFake(() => new Promise(() => {}));
    const { deps } = harness({ budgetMs: 50 });
    const started = Date.now();
    expect((await qualifyCall(event(REAL_CALL_SUBMISSION), deps)).status).toBe('failed');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('answers "callback_failed" when the callback cannot be queued (the qualification is kept)', async () => {
    dynamoMock.on(UpdateCommand).resolves({});
    const { deps } = harness({ port: async () => Promise.reject(new Error('SQS down')) });
    const result = await qualifyCall(event({ ...REAL_CALL_SUBMISSION, ...CALLBACK }), deps);
    expect(result.status).toBe('callback_failed');
    expect(dynamoMock.commandCalls(UpdateCommand)).toHaveLength(1);
  });

  it('answers "failed" for a payload that is not a contact flow event', async () => {
    const { deps } = harness();
    expect((await qualifyCall({ hello: 'world' }, deps)).status).toBe('failed');
  });
});

/** Field values drawn from the schema's own options, mixed with garbage of every shape. */
const fieldValue = (options: readonly string[]) =>
  fc.oneof(
    fc.constantFrom(...options),
    fc.subarray([...options]),
    fc.subarray([...options]).map((values) => JSON.stringify(values)),
    fc.subarray([...options]).map((values) => values.join(',')),
    fc.string(),
    fc.anything(),
  );

const submissionArbitrary = fc.record(
  Object.fromEntries(
    QUALIFICATION_FIELDS.map((field) => {
      const options =
        field.kind === 'text'
          ? field.id === 'callbackPhone'
            ? ['0639981234', '+33639981234', '0899123456', '12']
            : ['Lilas', 'Mot de passe!']
          : field.options.map((option) => option.value);
      return [field.id, fieldValue(options)];
    }),
  ),
  { requiredKeys: [] },
);

describe('qualifyCall under arbitrary input (property)', () => {
  it('never crashes, always answers a flat string map, and never stores an invalid record', async () => {
    dynamoMock.on(UpdateCommand).resolves({});
    const { deps, callbacks } = harness();
    const statuses = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { weight: 4, arbitrary: submissionArbitrary.map((parameters) => event(parameters)) },
          { weight: 1, arbitrary: fc.anything() },
          {
            weight: 1,
            arbitrary: fc.dictionary(fc.string(), fc.anything()).map((parameters) => event(parameters)),
          },
        ),
        async (input) => {
          dynamoMock.resetHistory();
          callbacks.length = 0;
          const result = await qualifyCall(input, deps);
          statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
          expect(['stored', 'invalid', 'failed', 'callback_failed']).toContain(result.status);
          expect(Object.values(result).every((value) => typeof value === 'string')).toBe(true);
          for (const call of dynamoMock.commandCalls(UpdateCommand)) {
            const stored = call.args[0].input.ExpressionAttributeValues?.[':qualification'];
            expect(z.safeParse(CallQualificationSchema, stored).success).toBe(true);
            expect(JSON.stringify(stored)).not.toMatch(/callback(Phone|CodeWord)|\+33/);
          }
          for (const { details } of callbacks) expect(details.phoneNumber).toMatch(/^\+33[1-79]\d{8}$/);
          if (result.status !== 'stored') expect(callbacks).toHaveLength(0);
        },
      ),
      { numRuns: 1_500 },
    );
    // The generator reaches the store and the callback path too, not only refusals.
    expect(statuses.get('stored') ?? 0).toBeGreaterThan(50);
    expect(statuses.get('invalid') ?? 0).toBeGreaterThan(50);
  });
});
