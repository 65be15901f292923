import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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
    });
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
        Item: { contactId: CONTACT_ID, initiatedAt: '2026-03-10T09:15:02.000Z', callerKey: 'k', revision: 1 },
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
});
