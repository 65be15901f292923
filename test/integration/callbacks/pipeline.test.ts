import { randomUUID } from 'node:crypto';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type CallbackRecord, parseCallbackRecord } from '#domain/callbacks/record';
import { prod } from '../../../config/stages/prod';
import { readOutbox } from '../../../functions/shared/callbacks/notifier';
import { callbackRequestId } from '../../../functions/shared/callbacks/request-id';
import { requestPartnerCallback } from '../../../functions/shared/callbacks/request-partner-callback';
import { invokeFunction } from '../../../local/runtime/lambda-runtime';
import { type PartnerApiServer, startPartnerApiServer } from '../../../local/runtime/partner-api-server';
import { signPartnerToken } from '../../../local/runtime/partner-issuer';
import { drainQueue } from '../../../local/runtime/sqs-poller';
import {
  applyCallbackLocalEnv,
  createTestQueues,
  randomMobile,
  type TestQueues,
  visibleMessages,
} from '../../support/callback-queues';
import { lineClients, useLocalLine } from '../../support/local-line';
import { captureLogs, type LogCapture, spellings } from '../../support/log-capture';

const line = useLocalLine();
const { outboxDir } = applyCallbackLocalEnv();
const clients = lineClients(line);
const numbersUsed: string[] = [];
/** Invocation failures of dispatch-callback (a throw or a timeout fails the whole batch). */
const invocationErrors: string[] = [];
let queues: TestQueues;
let api: PartnerApiServer;
let logs: LogCapture;

beforeAll(async () => {
  queues = await createTestQueues(clients.sqs, { visibilitySeconds: 30, maxReceiveCount: 5 });
  process.env.CALLBACK_QUEUE_URL = queues.url;
  api = await startPartnerApiServer();
  logs = captureLogs();
});

afterAll(async () => {
  logs.restore();
  // No phone number, in any spelling, reached a log line in this file.
  const text = logs.text();
  for (const number of numbersUsed)
    for (const spelling of spellings(number)) expect(text).not.toContain(spelling);
  await api.close();
  clients.destroy();
});

const drain = () =>
  drainQueue({
    queueUrl: queues.url,
    queueArn: queues.arn,
    functionName: 'dispatch-callback',
    failedMessageVisibilitySeconds: 0,
    sqs: clients.sqs,
    invokeOptions: { timeoutMs: 10_000 },
    onBatch: (outcome) => {
      if (!outcome.invocation.ok) invocationErrors.push(outcome.invocation.error.message);
    },
  });

const record = async (requestId: string): Promise<CallbackRecord | undefined> => {
  const { Item } = await clients.dynamo.send(
    new GetCommand({ TableName: line.env.CALLBACKS_TABLE_NAME, Key: { requestId } }),
  );
  return Item === undefined ? undefined : parseCallbackRecord(Item);
};

async function call(method: string, route: string, token?: string, body?: unknown) {
  const response = await fetch(`${api.url}${route}`, {
    method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function listenerRequest(partnerId: 'cidff94' | 'apcars94' | 'apce94', codeWord?: string) {
  const phoneNumber = randomMobile();
  numbersUsed.push(phoneNumber);
  const contactId = randomUUID();
  const { requestId } = await requestPartnerCallback(
    {
      contactId,
      partnerId,
      phoneNumber: `0${phoneNumber.slice(3)}`,
      safeToCall: true,
      mayLeaveMessage: false,
      safeWindows: ['weekday-morning', 'weekday-afternoon', 'weekday-evening', 'saturday-morning'],
      ...(codeWord === undefined ? {} : { codeWord }),
    },
    { sqs: clients.sqs, queueUrl: queues.url, partners: prod.partners },
  );
  return { requestId, phoneNumber, contactId };
}

describe('listener path: requestPartnerCallback → SQS → dispatch-callback → partner API', () => {
  it('is listed, opened with an audit entry, and closed as reached, after which the number is gone', async () => {
    const { requestId, phoneNumber } = await listenerRequest('cidff94', 'tournesol');
    const summary = await drain();
    const warnings = logs.lines().filter((entry) => entry.level === 'WARN' || entry.level === 'ERROR');
    expect({ failed: summary.failed, warnings, invocationErrors }).toEqual({
      failed: 0,
      warnings: [],
      invocationErrors: [],
    });

    const stored = await record(requestId);
    expect(stored).toMatchObject({
      status: 'pending',
      partnerId: 'cidff94',
      partnerStatus: 'cidff94#pending',
    });
    expect(stored?.history.map((entry) => entry.action)).toEqual(['created', 'notified']);
    expect(stored?.encryptedContact).toEqual(expect.any(String));
    expect(JSON.stringify(stored)).not.toContain(phoneNumber.slice(3));

    const notices = readOutbox(outboxDir).filter((entry) => entry.requestId === requestId);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ channel: 'sns', partnerId: 'cidff94' });
    expect(notices[0]?.message).toMatch(
      /^Nouvelle demande de rappel, à traiter avant le \d\d\/\d\d\/\d{4} à \d\d:\d\d/,
    );
    expect(notices[0]?.message).toContain(`/callbacks/${requestId}`);
    expect(JSON.stringify(notices)).not.toContain(phoneNumber.slice(3));

    const alice = await signPartnerToken({ groups: ['cidff94'], username: 'alice' });
    const listed = await call('GET', '/callbacks', alice);
    expect(listed.status).toBe(200);
    const mine = (listed.body.callbacks as Record<string, unknown>[]).find(
      (item) => item.requestId === requestId,
    );
    expect(mine).toMatchObject({ status: 'pending', safeToCall: true });
    expect(JSON.stringify(listed.body)).not.toContain(phoneNumber.slice(3));
    expect(JSON.stringify(listed.body)).not.toContain('tournesol');

    expect((await call('POST', `/callbacks/${requestId}/claim`, alice)).body).toMatchObject({
      status: 'claimed',
      claimedBy: 'cidff94/alice',
    });
    const opened = await call('POST', `/callbacks/${requestId}/open`, alice);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({
      phoneNumber,
      codeWord: 'tournesol',
      rules: { mayLeaveMessage: false },
    });
    const audited = await record(requestId);
    expect(audited?.history.filter((entry) => entry.action === 'opened')).toEqual([
      expect.objectContaining({ by: 'cidff94/alice', at: expect.any(String) }),
    ]);

    const closed = await call('POST', `/callbacks/${requestId}/outcome`, alice, { outcome: 'reached' });
    expect(closed).toMatchObject({ status: 200, body: { status: 'closed' } });
    const after = await record(requestId);
    expect(after?.encryptedContact).toBeUndefined();
    expect(after).toMatchObject({ status: 'closed', outcome: 'reached', partnerStatus: 'cidff94#closed' });
    expect(after?.expiresAt).toBeGreaterThan(Date.now() / 1000 + 29 * 86_400);
    expect((await call('POST', `/callbacks/${requestId}/open`, alice)).status).toBe(409);
    const relisted = await call('GET', '/callbacks', alice);
    expect((relisted.body.callbacks as { requestId: string }[]).map((item) => item.requestId)).not.toContain(
      requestId,
    );
  });

  it('schedules retries for unreachable, then closes at the last attempt', async () => {
    const { requestId } = await listenerRequest('apce94');
    await drain();
    const bob = await signPartnerToken({ groups: ['apce94'], username: 'bob' });
    for (const expected of ['retry', 'retry', 'closed']) {
      const answer = await call('POST', `/callbacks/${requestId}/outcome`, bob, { outcome: 'unreachable' });
      expect(answer.body.status).toBe(expected);
    }
    expect(await record(requestId)).toMatchObject({ status: 'closed', outcome: 'unreachable', attempts: 3 });
    expect((await record(requestId))?.encryptedContact).toBeUndefined();
  });
});

describe('line path: request-callback (IVR) → SQS → dispatch-callback → local task', () => {
  it('ends in a local task with the reference and no number, then the line closes it', async () => {
    const phoneNumber = randomMobile();
    numbersUsed.push(phoneNumber);
    const contactId = randomUUID();
    const flowEvent = {
      Name: 'ContactFlowEvent',
      Details: {
        ContactData: {
          ContactId: contactId,
          CustomerEndpoint: { Address: '+33100000000', Type: 'TELEPHONE_NUMBER' },
        },
        Parameters: {
          numberSource: 'keyed',
          keyedNumber: `0033${phoneNumber.slice(3)}`,
          mayLeaveMessage: 'yes',
          safeWindow: 'anytime',
        },
      },
    };
    const invoked = await invokeFunction('request-callback', flowEvent);
    expect(invoked).toMatchObject({ ok: true, result: { status: 'stored' } });
    await drain();

    const requestId = callbackRequestId(contactId, 'line');
    const tasks = readOutbox(outboxDir).filter((entry) => entry.requestId === requestId);
    expect(tasks).toEqual([
      expect.objectContaining({ channel: 'task', partnerId: 'line', key: `${requestId}:0` }),
    ]);
    expect(tasks[0]?.message).toContain(requestId);
    expect(JSON.stringify(tasks)).not.toContain(phoneNumber.slice(3));

    const listener = await signPartnerToken({ groups: ['line'], username: 'ecoutante1' });
    const opened = await call('POST', `/callbacks/${requestId}/open`, listener);
    expect(opened.body).toMatchObject({ phoneNumber, rules: { mayLeaveMessage: true } });
    await call('POST', `/callbacks/${requestId}/outcome`, listener, { outcome: 'reached' });
    expect((await record(requestId))?.encryptedContact).toBeUndefined();
  });
});

describe('idempotency', () => {
  it('turns duplicate deliveries of one request into one record and one notification', async () => {
    const { requestId, contactId, phoneNumber } = await listenerRequest('apcars94');
    // The producer retried (same contact and partner), and the same body was delivered again twice.
    await requestPartnerCallback(
      {
        contactId,
        partnerId: 'apcars94',
        phoneNumber,
        safeToCall: true,
        mayLeaveMessage: false,
        safeWindows: ['weekday-morning'],
      },
      { sqs: clients.sqs, queueUrl: queues.url, partners: prod.partners },
    );
    const first = (
      await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queues.url, VisibilityTimeout: 0 }))
    ).Messages?.[0];
    for (let copy = 0; copy < 2; copy += 1) {
      await clients.sqs.send(
        new SendMessageCommand({ QueueUrl: queues.url, MessageBody: first?.Body ?? '' }),
      );
    }
    const summary = await drain();
    // Copies in one batch race: the idempotency record makes the later ones retry, then they succeed.
    expect(summary.deleted).toBe(4);
    expect(await visibleMessages(clients.sqs, queues.dlqUrl)).toBe(0);
    expect(readOutbox(outboxDir).filter((entry) => entry.requestId === requestId)).toHaveLength(1);
    const stored = await record(requestId);
    expect(stored?.history.filter((entry) => entry.action === 'created')).toHaveLength(1);
  });
});

describe('bad input', () => {
  it('parks malformed messages in the DLQ with a clear log and no number, without failing the batch', async () => {
    const leaked = randomMobile();
    numbersUsed.push(leaked);
    const good = await listenerRequest('cidff94');
    await clients.sqs.send(
      new SendMessageCommand({ QueueUrl: queues.url, MessageBody: `call me on ${leaked}` }),
    );
    await clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: queues.url,
        MessageBody: JSON.stringify({ requestId: 'nope', partnerId: 'someone', phoneNumber: leaked }),
      }),
    );
    await drain();
    expect(await record(good.requestId)).toMatchObject({ status: 'pending' });
    expect(await visibleMessages(clients.sqs, queues.dlqUrl)).toBe(2);
    const errors = logs
      .lines()
      .filter(
        (line) =>
          line.message === 'Malformed callback message: not processed, it goes to the DLQ after its retries',
      );
    expect(
      errors.some((entry) => JSON.stringify(entry.invalidFields) === JSON.stringify(['(body is not JSON)'])),
    ).toBe(true);
    expect(errors.some((entry) => (entry.invalidFields as string[] | undefined)?.includes('partnerId'))).toBe(
      true,
    );
    expect(errors.every((entry) => typeof entry.messageId === 'string')).toBe(true);
  });
});

describe('authorization, enforced in the function', () => {
  let requestId: string;
  beforeAll(async () => {
    ({ requestId } = await listenerRequest('cidff94'));
    await drain();
  });

  it('answers 404 to another association, on every route, and never lists it', async () => {
    const other = await signPartnerToken({ groups: ['apcars94'], username: 'mallory' });
    for (const action of ['open', 'claim', 'outcome']) {
      const answer = await call('POST', `/callbacks/${requestId}/${action}`, other, { outcome: 'declined' });
      expect(answer.status).toBe(404);
    }
    const listed = await call('GET', '/callbacks', other);
    expect((listed.body.callbacks as { requestId: string }[]).map((item) => item.requestId)).not.toContain(
      requestId,
    );
    expect((await record(requestId))?.history.some((entry) => entry.action === 'opened')).toBe(false);
  });

  it.each([
    ['no token', async () => undefined],
    ['a user in no group', async () => signPartnerToken({ groups: [] })],
    ['a user in an unknown group', async () => signPartnerToken({ groups: ['admins'] })],
    ['a user in two associations', async () => signPartnerToken({ groups: ['cidff94', 'apce94'] })],
    [
      'an expired token',
      async () =>
        signPartnerToken({
          groups: ['cidff94'],
          issuedAt: new Date(Date.now() - 7_200_000),
          expiresInSeconds: 3600,
        }),
    ],
    ['an ID token', async () => signPartnerToken({ groups: ['cidff94'], tokenUse: 'id' })],
    [
      'a token for another client',
      async () => signPartnerToken({ groups: ['cidff94'], clientId: 'someone-else' }),
    ],
    [
      'a token from another issuer',
      async () => signPartnerToken({ groups: ['cidff94'], issuer: 'https://evil.example' }),
    ],
    [
      'a tampered token (group changed, signature kept)',
      async () => {
        const [header, payload, signature] = (await signPartnerToken({ groups: ['apcars94'] })).split('.');
        const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
        claims['cognito:groups'] = ['cidff94'];
        return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
      },
    ],
  ])('answers 401 to %s', async (_case, token) => {
    const bearer = await token();
    expect((await call('GET', '/callbacks', bearer)).status).toBe(401);
    expect((await call('POST', `/callbacks/${requestId}/open`, bearer)).status).toBe(401);
  });

  it('refuses an unknown outcome with 400', async () => {
    const alice = await signPartnerToken({ groups: ['cidff94'] });
    expect((await call('POST', `/callbacks/${requestId}/outcome`, alice, { outcome: 'maybe' })).status).toBe(
      400,
    );
  });
});
