import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type CallbackRecord, parseCallbackRecord, partnerStatusKey } from '#domain/callbacks/record';
import { prod } from '../../../config/stages/prod';
import { watchCallbacks } from '../../../functions/callback-watch/watch';
import { dynamoAuditLog } from '../../../functions/shared/callbacks/audit-log';
import { fileOutboxNotifier, readOutbox } from '../../../functions/shared/callbacks/notifier';
import { putNewCallback } from '../../../functions/shared/callbacks/store';
import { recordingMetricSink } from '../../../functions/shared/emit-metric';
import { applyCallbackLocalEnv } from '../../support/callback-queues';
import { lineClients, withLocalLine } from '../../support/local-line';
import { captureLogs } from '../../support/log-capture';

const line = withLocalLine();
const { outboxDir } = applyCallbackLocalEnv();
const clients = lineClients(line);
const store = { doc: clients.dynamo, tableName: line.env.CALLBACKS_TABLE_NAME };
afterAll(() => clients.destroy());

function overdueRecord(
  partnerId: 'cidff94' | 'line',
  overrides: Partial<CallbackRecord> = {},
): CallbackRecord {
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
  return {
    requestId: randomUUID(),
    contactId: randomUUID(),
    partnerId,
    status: 'pending',
    partnerStatus: partnerStatusKey(partnerId, 'pending'),
    createdAt: hoursAgo(50),
    dueBy: hoursAgo(2),
    slaDueBy: hoursAgo(2),
    safeToCall: true,
    mayLeaveMessage: false,
    safeWindows: ['weekday-morning'],
    language: 'fr',
    hasCodeWord: false,
    encryptedContact: 'opaque-ciphertext',
    attempts: 0,
    renotifications: 0,
    version: 0,
    history: [],
    ...overrides,
  };
}

const get = async (requestId: string) =>
  parseCallbackRecord(
    (await clients.dynamo.send(new GetCommand({ TableName: store.tableName, Key: { requestId } }))).Item,
  );

it('re-notifies overdue requests, emits the SLA metrics, and closes the ones past their last window', async () => {
  const fresh = overdueRecord('cidff94');
  const lineRetry = overdueRecord('line', { status: 'retry', partnerStatus: 'line#retry', attempts: 1 });
  const lastWindow = overdueRecord('cidff94', {
    status: 'retry',
    partnerStatus: 'cidff94#retry',
    attempts: 2,
  });
  // Nobody tried: two reminders already, this third missed window ends it as expired, not unreachable.
  const neverTried = overdueRecord('cidff94', { renotifications: 2 });
  const notYetDue = overdueRecord('cidff94', { dueBy: new Date(Date.now() + 3_600_000).toISOString() });
  for (const record of [fresh, lineRetry, lastWindow, neverTried, notYetDue]) {
    await putNewCallback(store, record);
  }

  const metrics = recordingMetricSink();
  const logs = captureLogs();
  try {
    await watchCallbacks({
      store,
      // As on AWS: the watch reminds the line through its topic, never with a Connect task.
      notifier: fileOutboxNotifier(outboxDir, 'https://portail.example', 'topic'),
      logger: new Logger({ serviceName: 'premier-pas' }),
      metrics,
      policy: { partners: prod.partners, closedCallbacksDays: prod.retention.closedCallbacksDays },
      audit: dynamoAuditLog(clients.dynamo, line.env.AUDIT_TABLE_NAME),
    });
  } finally {
    logs.restore();
  }

  const renotified = await get(fresh.requestId);
  expect(renotified).toMatchObject({ status: 'pending', renotifications: 1, version: 1 });
  expect(renotified.dueBy > new Date().toISOString()).toBe(true);
  expect(renotified.history).toEqual([
    expect.objectContaining({ action: 'renotified', by: 'callback-watch' }),
  ]);

  // attempts 1 + this missed window = 2 < 3: reminded once more.
  expect(await get(lineRetry.requestId)).toMatchObject({ status: 'retry', renotifications: 1 });
  // attempts 2 + this missed window = 3: the last one, closed as unreachable, number dropped, TTL set.
  const closed = await get(lastWindow.requestId);
  expect(closed).toMatchObject({ status: 'closed', outcome: 'unreachable', partnerStatus: 'cidff94#closed' });
  expect(closed.encryptedContact).toBeUndefined();
  expect(closed.expiresAt).toBeGreaterThan(Date.now() / 1000);
  expect(await get(notYetDue.requestId)).toMatchObject({ status: 'pending', version: 0 });
  const expired = await get(neverTried.requestId);
  expect(expired).toMatchObject({ status: 'closed', outcome: 'expired' });
  expect(expired.encryptedContact).toBeUndefined();
  // Both closures are in the append-only audit, written by the watch.
  for (const [requestId, outcome] of [
    [lastWindow.requestId, 'unreachable'],
    [neverTried.requestId, 'expired'],
  ] as const) {
    const { Items } = await clients.dynamo.send(
      new QueryCommand({
        TableName: line.env.AUDIT_TABLE_NAME,
        KeyConditionExpression: 'requestId = :id',
        ExpressionAttributeValues: { ':id': requestId },
      }),
    );
    expect(Items).toEqual([expect.objectContaining({ action: 'outcome', outcome, by: 'callback-watch' })]);
  }

  const outbox = readOutbox(outboxDir);
  expect(outbox.map((entry) => [entry.requestId, entry.channel, entry.subject]).sort()).toEqual(
    [
      [fresh.requestId, 'sns', 'Demande de rappel en retard'],
      [lineRetry.requestId, 'sns', 'Demande de rappel en retard'],
    ].sort(),
  );

  const emitted = (key: string, dimensions: Record<string, string>) =>
    metrics.recorded.filter(
      (metric) =>
        metric.key === key &&
        Object.entries(dimensions).every(([name, value]) => metric.dimensions[name] === value),
    );
  expect(emitted('callbacksOverdue', { partnerId: 'cidff94' })[0]?.value).toBeGreaterThanOrEqual(2);
  expect(emitted('callbacksOpen', { partnerId: 'line' })).not.toHaveLength(0);
  expect(emitted('callbacksClosed', { outcome: 'unreachable' })).toContainEqual(
    expect.objectContaining({ value: 1 }),
  );
});
