import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { prod as config } from '../../config/stages/prod';
import { NotAContactEventError } from '../../events/schemas/errors';
import {
  ContactEventConflictError,
  type ContactEventsDeps,
  handleContactEvent,
} from '../../functions/contact-events/apply-contact-event';
import { recordingMetricSink } from '../../functions/shared/emit-metric';
import { defined, readSample } from './events/sample-events';

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1' }));
const dynamo = mockClient(documentClient);
const CONTACT_ID = '5f1c2a7e-0b8e-4a3a-9c63-2f6f4c1e9a01';
const conditionFailed = () =>
  Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });

function setup() {
  const metrics = recordingMetricSink();
  const deps: ContactEventsDeps = {
    dynamo: documentClient,
    tableName: 'calls',
    statisticsTable: 'statistics',
    metrics,
    logger: { info: () => {}, error: () => {} },
    hours: config,
    retentionDays: 730,
  };
  return { deps, metrics };
}

beforeEach(() => dynamo.reset());

describe('handleContactEvent', () => {
  test('garbage is rejected with a typed error before any read or write', async () => {
    const { deps } = setup();
    await expect(handleContactEvent({ source: 'aws.s3' }, deps)).rejects.toBeInstanceOf(
      NotAContactEventError,
    );
    expect(dynamo.calls()).toHaveLength(0);
  });

  test('ignored events touch nothing', async () => {
    const { deps } = setup();
    await expect(
      handleContactEvent(readSample('contact-events/aws-published/contact-data-updated-chat.json'), deps),
    ).resolves.toMatchObject({ status: 'ignored' });
    expect(dynamo.calls()).toHaveLength(0);
  });

  test('a new call is created under attribute_not_exists and its metrics go out with the first outcome', async () => {
    dynamo.on(GetCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({});
    const { deps, metrics } = setup();

    const result = await handleContactEvent(readSample('contact-events/answered/disconnected.json'), deps);

    expect(result).toEqual({
      status: 'updated',
      contactId: CONTACT_ID,
      eventType: 'DISCONNECTED',
      outcome: 'answered',
      metricsEmitted: true,
      // Not qualified yet: it stays in the calls table until the listener qualifies it or the sweep.
      statisticsMoved: false,
    });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
    const input = dynamo.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input?.ConditionExpression).toBe('attribute_not_exists(contactId)');
    expect(Object.values(input?.ExpressionAttributeNames ?? {})).toEqual(
      expect.arrayContaining(['outcome', 'waitSeconds', 'talkSeconds', 'metricsEmitted', 'day', 'revision']),
    );
    expect(metrics.recorded.map((metric) => metric.key)).toEqual([
      'callsReceived',
      'callsAnswered',
      'waitSeconds',
      'talkSeconds',
    ]);
  });

  test('a lost race is read again and refolded; metrics still go out once', async () => {
    dynamo
      .on(GetCommand)
      .resolvesOnce({})
      .resolves({
        Item: { contactId: CONTACT_ID, initiatedAt: '2026-03-10T09:15:02.000Z', revision: 1 },
      });
    dynamo.on(UpdateCommand).rejectsOnce(conditionFailed()).resolves({});
    const { deps, metrics } = setup();

    await handleContactEvent(readSample('contact-events/answered/completed.json'), deps);

    const updates = dynamo.commandCalls(UpdateCommand);
    expect(updates).toHaveLength(2);
    expect(updates[1]?.args[0].input.ConditionExpression).toBe('#revision = :revision');
    expect(updates[1]?.args[0].input.ExpressionAttributeValues).toMatchObject({
      ':revision': 1,
      ':nextRevision': 2,
    });
    expect(metrics.recorded.filter((metric) => metric.key === 'callsReceived')).toHaveLength(1);
  });

  test('a call whose metrics were already emitted emits none again', async () => {
    dynamo.on(GetCommand).resolves({
      Item: {
        contactId: CONTACT_ID,
        disconnectedAt: '2026-03-10T09:31:05.000Z',
        outcome: 'abandoned_in_ivr',
        metricsEmitted: true,
        revision: 3,
      },
    });
    dynamo.on(UpdateCommand).resolves({});
    const { deps, metrics } = setup();

    await handleContactEvent(readSample('contact-events/answered/disconnected.json'), deps);
    expect(metrics.recorded).toHaveLength(0);
  });

  test('a duplicate that changes nothing is not written', async () => {
    const { deps } = setup();
    dynamo.on(GetCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({});
    await handleContactEvent(readSample('contact-events/missed-in-queue/disconnected.json'), deps);
    const written = defined(dynamo.commandCalls(UpdateCommand)[0], 'the first update').args[0].input;
    const item: Record<string, unknown> = { contactId: 'c3e5a7b9-2d4f-4e6a-8b0c-1d2e3f4a5b6c', revision: 1 };
    for (const [placeholder, name] of Object.entries(written.ExpressionAttributeNames ?? {})) {
      const value = written.ExpressionAttributeValues?.[`:v${placeholder.slice(2)}`];
      if (value !== undefined) item[name] = value;
    }
    dynamo.reset();
    dynamo.on(GetCommand).resolves({ Item: item });

    await expect(
      handleContactEvent(readSample('contact-events/missed-in-queue/disconnected.json'), deps),
    ).resolves.toMatchObject({
      status: 'unchanged',
    });
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  test('endless conflicts end in a typed error, so EventBridge retries', async () => {
    dynamo.on(GetCommand).resolves({});
    dynamo.on(UpdateCommand).rejects(conditionFailed());
    const { deps } = setup();
    await expect(
      handleContactEvent(readSample('contact-events/answered/initiated.json'), {
        ...deps,
        maxAttempts: 3,
        backoffMs: () => 0,
      }),
    ).rejects.toBeInstanceOf(ContactEventConflictError);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(3);
  });

  test('the event that ends a qualified call moves its statistics out, in one conditional transaction', async () => {
    const qualified = {
      contactId: CONTACT_ID,
      initiatedAt: '2026-03-10T09:15:00.000Z',
      enqueuedAt: '2026-03-10T09:15:40.000Z',
      connectedToAgentAt: '2026-03-10T09:16:25.000Z',
      qualification: { schemaVersion: 1, callType: 'silent' },
      qualifiedAt: '2026-03-10T09:20:00.000Z',
      revision: 4,
    };
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: qualified })
      .resolves({
        Item: {
          ...qualified,
          disconnectedAt: '2026-03-10T09:31:05.000Z',
          outcome: 'answered',
          waitSeconds: 45,
          talkSeconds: 880,
          revision: 5,
        },
      });
    dynamo.on(UpdateCommand).resolves({});
    dynamo.on(TransactWriteCommand).resolves({});
    const { deps } = setup();

    await expect(
      handleContactEvent(readSample('contact-events/answered/disconnected.json'), deps),
    ).resolves.toMatchObject({ status: 'updated', statisticsMoved: true });

    const [transaction] = dynamo.commandCalls(TransactWriteCommand);
    const [put, update] = defined(transaction, 'the move').args[0].input.TransactItems ?? [];
    const statistics = put?.Put?.Item ?? {};
    expect(put?.Put?.TableName).toBe('statistics');
    expect(Object.keys(statistics).sort()).toEqual(
      ['day', 'expiresAt', 'hour', 'outcome', 'qualification', 'statId', 'talkSeconds', 'waitSeconds'].sort(),
    );
    // Paris day and hour, durations rounded (10 s, 1 min): nothing to match against Connect's records.
    expect(statistics).toMatchObject({
      day: '2026-03-10',
      hour: 10,
      outcome: 'answered',
      waitSeconds: 50,
      talkSeconds: 900,
    });
    expect(JSON.stringify(statistics)).not.toContain(CONTACT_ID);
    expect(update?.Update?.Key).toEqual({ contactId: CONTACT_ID });
    expect(update?.Update?.UpdateExpression).toContain('REMOVE qualification, qualifiedAt');
    expect(update?.Update?.ConditionExpression).toContain('#revision = :revision');
    expect(update?.Update?.ExpressionAttributeValues).toMatchObject({ ':revision': 5 });
  });

  test('a call whose statistics have moved ignores every later event', async () => {
    dynamo.on(GetCommand).resolves({
      Item: { contactId: CONTACT_ID, statisticsMovedAt: '2026-03-10T09:40:00.000Z', revision: 6 },
    });
    const { deps } = setup();

    await expect(
      handleContactEvent(readSample('contact-events/answered/initiated.json'), deps),
    ).resolves.toMatchObject({ status: 'moved' });
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});
