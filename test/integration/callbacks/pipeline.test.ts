import { randomUUID } from 'node:crypto';
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { OVERRIDE_REASON_MAX_LENGTH } from '#domain/callbacks/audit';
import { type CallbackRecord, parseCallbackRecord } from '#domain/callbacks/record';
import { PARTNER_REFUSALS } from '#domain/texts/partner-messages';
import { prod } from '../../../config/stages/prod';
import { withdrawCallbacksPort } from '../../../functions/qualify-call/partner-callback';
import { AuditOverwriteError, putAuditEntry } from '../../../functions/shared/callbacks/audit-log';
import { readOutbox } from '../../../functions/shared/callbacks/notifier';
import { contactSealer } from '../../../functions/shared/callbacks/queue-envelope';
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
import { lineClients, withLocalLine } from '../../support/local-line';
import { captureLogs, type LogCapture, spellings } from '../../support/log-capture';

const line = withLocalLine();
const { outboxDir } = applyCallbackLocalEnv();
const clients = lineClients(line);
const numbersUsed: string[] = [];
/** Invocation failures of dispatch-callback (a throw or a timeout fails the whole batch). */
const invocationErrors: string[] = [];
let queues: TestQueues;
/** The producers' view of the queue: the local line's queue-envelope public key seals each number. */
const seal = contactSealer(process.env.CALLBACK_ENVELOPE_PUBLIC_KEY ?? '');
const target = () => ({ sqs: clients.sqs, queueUrl: queues.url, seal });
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

/** Opening with an override works at any hour: these tests must not depend on the clock's safe windows. */
const OVERRIDE = { override: { reason: 'test : rappel convenu par téléphone' } };

/** Submission times advance by a second per form submission, as a listener's would. */
let clock = Date.now();
const nextSubmission = () => {
  clock += 1_000;
  return new Date(clock);
};

async function listenerRequest(
  partnerId: 'cidff94' | 'apcars94' | 'apce94',
  codeWord?: string,
  options: { contactId?: string; safeToCall?: boolean; mayLeaveMessage?: boolean } = {},
) {
  const phoneNumber = randomMobile();
  numbersUsed.push(phoneNumber);
  const contactId = options.contactId ?? randomUUID();
  const at = nextSubmission();
  const { requestId } = await requestPartnerCallback(
    {
      contactId,
      partnerId,
      phoneNumber: `0${phoneNumber.slice(3)}`,
      safeToCall: options.safeToCall ?? true,
      mayLeaveMessage: options.mayLeaveMessage ?? false,
      safeWindows: ['weekday-morning', 'weekday-afternoon', 'weekday-evening', 'saturday-morning'],
      ...(codeWord === undefined ? {} : { codeWord }),
    },
    { ...target(), partners: prod.partners, now: () => at },
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
    const opened = await call('POST', `/callbacks/${requestId}/open`, alice, OVERRIDE);
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

  it('counts "message left" as an attempt where a message may be left, and refuses it elsewhere', async () => {
    const allowed = await listenerRequest('cidff94', undefined, { mayLeaveMessage: true });
    const forbidden = await listenerRequest('cidff94', undefined, { mayLeaveMessage: false });
    await drain();
    const alice = await signPartnerToken({ groups: ['cidff94'], username: 'alice' });
    const left = await call('POST', `/callbacks/${allowed.requestId}/outcome`, alice, {
      outcome: 'messageLeft',
    });
    expect(left.body).toMatchObject({ status: 'retry', attempts: 1 });
    const refused = await call('POST', `/callbacks/${forbidden.requestId}/outcome`, alice, {
      outcome: 'messageLeft',
    });
    expect(refused).toMatchObject({ status: 409, body: { reasons: ['messageNotAllowed'] } });
    expect(await record(forbidden.requestId)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('closes on "wrong number" and deletes the number', async () => {
    const { requestId } = await listenerRequest('apcars94');
    await drain();
    const amir = await signPartnerToken({ groups: ['apcars94'], username: 'amir' });
    const answer = await call('POST', `/callbacks/${requestId}/outcome`, amir, { outcome: 'wrongNumber' });
    expect(answer.body).toMatchObject({ status: 'closed' });
    expect(await record(requestId)).toMatchObject({ status: 'closed', outcome: 'wrongNumber' });
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
    const opened = await call('POST', `/callbacks/${requestId}/open`, listener, OVERRIDE);
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
      { ...target(), partners: prod.partners },
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

describe('the queue carries ciphertext only', () => {
  /** Reads the queue's raw messages without consuming them (they become visible again at once). */
  const peek = async () =>
    (
      await clients.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queues.url,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: 0,
          MessageAttributeNames: ['All'],
        }),
      )
    ).Messages ?? [];

  it('holds no number or code word in clear from either producer, and dispatch still stores and delivers', async () => {
    const codeWord = 'coquelicot';
    const listener = await listenerRequest('apce94', codeWord);
    const ivrNumber = randomMobile();
    numbersUsed.push(ivrNumber);
    const ivrContactId = randomUUID();
    const invoked = await invokeFunction('request-callback', {
      Name: 'ContactFlowEvent',
      Details: {
        ContactData: { ContactId: ivrContactId, CustomerEndpoint: { Address: ivrNumber } },
        Parameters: { numberSource: 'calling', mayLeaveMessage: 'no', safeWindow: 'morning' },
      },
    });
    expect(invoked).toMatchObject({ ok: true, result: { status: 'stored' } });
    const ivrRequestId = callbackRequestId(ivrContactId, 'line');

    // Assess the queue itself, before dispatch: what the SQS console, a redrive or a reader would see.
    const raw = await peek();
    const ours = raw.filter((message) =>
      [listener.requestId, ivrRequestId].includes(message.MessageAttributes?.requestId?.StringValue ?? ''),
    );
    expect(ours).toHaveLength(2);
    for (const message of ours) {
      const text = `${message.Body}${JSON.stringify(message.MessageAttributes)}`;
      for (const spelling of [...spellings(listener.phoneNumber), ...spellings(ivrNumber)])
        expect(text).not.toContain(spelling);
      expect(text).not.toContain(codeWord);
      const body = JSON.parse(message.Body ?? '{}');
      expect(body).not.toHaveProperty('phoneNumber');
      expect(body).not.toHaveProperty('codeWord');
      expect(body.sealedContact).toEqual({
        alg: 'RSAES_OAEP_SHA_256+A256GCM',
        wrappedKey: expect.any(String),
        iv: expect.any(String),
        tag: expect.any(String),
        ciphertext: expect.any(String),
      });
    }

    const summary = await drain();
    expect(summary.failed).toBe(0);
    for (const requestId of [listener.requestId, ivrRequestId]) {
      expect(await record(requestId)).toMatchObject({
        status: 'pending',
        encryptedContact: expect.any(String),
      });
      expect(readOutbox(outboxDir).filter((entry) => entry.requestId === requestId)).toHaveLength(1);
    }
    // Unsealed and re-encrypted under the phone key: the association opens the very number and code word.
    const dave = await signPartnerToken({ groups: ['apce94'], username: 'dave' });
    const opened = await call('POST', `/callbacks/${listener.requestId}/open`, dave, OVERRIDE);
    expect(opened.body).toMatchObject({ phoneNumber: listener.phoneNumber, codeWord });
    const line = await signPartnerToken({ groups: ['line'], username: 'ecoutante2' });
    const ivrOpened = await call('POST', `/callbacks/${ivrRequestId}/open`, line, OVERRIDE);
    expect(ivrOpened.body).toMatchObject({ phoneNumber: ivrNumber });
  });

  it('parks an envelope moved to another partner in the DLQ, storing nothing and logging no number', async () => {
    const before = await visibleMessages(clients.sqs, queues.dlqUrl);
    const moved = await listenerRequest('cidff94', 'pivoine');
    const [message] = (await peek()).filter(
      (candidate) => candidate.MessageAttributes?.requestId?.StringValue === moved.requestId,
    );
    // Consume the original, and queue it again as a request to another association, same envelope.
    await clients.sqs.send(
      new DeleteMessageCommand({ QueueUrl: queues.url, ReceiptHandle: message?.ReceiptHandle ?? '' }),
    );
    const body = JSON.parse(message?.Body ?? '{}');
    const movedRequestId = callbackRequestId(moved.contactId, 'apcars94');
    await clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: queues.url,
        MessageBody: JSON.stringify({ ...body, partnerId: 'apcars94', requestId: movedRequestId }),
      }),
    );
    await drain();
    expect(await visibleMessages(clients.sqs, queues.dlqUrl)).toBe(before + 1);
    expect(await record(movedRequestId)).toBeUndefined();
    expect(
      logs
        .lines()
        .some((entry) => entry.errorName === 'SealedContactError' && entry.requestId === movedRequestId),
    ).toBe(true);
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
    expect((await call('GET', `/callbacks/${requestId}`, other)).status).toBe(404);
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

describe('one request for its page: GET /callbacks/{id}', () => {
  it('answers the summary, the rules to restate and the history, never the number or the code word', async () => {
    const { requestId, phoneNumber } = await listenerRequest('cidff94', 'tournesol', {
      mayLeaveMessage: true,
    });
    await drain();
    const alice = await signPartnerToken({ groups: ['cidff94'], username: 'alice' });
    await call('POST', `/callbacks/${requestId}/open`, alice, OVERRIDE);
    const detail = await call('GET', `/callbacks/${requestId}`, alice);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      requestId,
      status: 'pending',
      mayLeaveMessage: true,
      hasCodeWord: true,
      maxAttempts: prod.partners.find((partner) => partner.id === 'cidff94')?.maxAttempts,
    });
    expect((detail.body.history as { action: string }[]).map((entry) => entry.action)).toEqual([
      'created',
      'notified',
      'opened',
    ]);
    expect((detail.body.history as Record<string, unknown>[])[2]).toMatchObject({
      by: 'cidff94/alice',
      outsideSafeWindows: expect.any(Boolean),
    });
    const text = JSON.stringify(detail.body);
    expect(text).not.toContain(phoneNumber.slice(3));
    expect(text).not.toContain('tournesol');
    expect(text).not.toContain('encryptedContact');
    expect((await call('POST', `/callbacks/${requestId}`, alice)).status).toBe(405);
    expect((await call('GET', '/callbacks/not-an-id', alice)).status).toBe(404);
  });
});

describe('CORS, as the HTTP API answers it', () => {
  it('allows the portal origin it was told, and no other', async () => {
    const portal = 'http://127.0.0.1:9';
    api.allowOrigin(portal);
    const preflight = (origin: string) =>
      fetch(`${api.url}/callbacks`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    const allowed = await preflight(portal);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(portal);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const listed = await fetch(`${api.url}/callbacks`, { headers: { origin: portal } });
    expect(listed.status).toBe(401);
    expect(listed.headers.get('access-control-allow-origin')).toBe(portal);
  });
});

const auditOf = async (requestId: string) =>
  (
    await clients.dynamo.send(
      new QueryCommand({
        TableName: line.env.AUDIT_TABLE_NAME,
        KeyConditionExpression: 'requestId = :id',
        ExpressionAttributeValues: { ':id': requestId },
      }),
    )
  ).Items ?? [];

/** The first message waiting in the queue, read without consuming it (to deliver it again later). */
const peekBody = async () =>
  (await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queues.url, VisibilityTimeout: 0 })))
    .Messages?.[0]?.Body ?? '';

describe('corrections and withdrawals', () => {
  it('amends a pending request with a later submission; a redelivered earlier one changes nothing', async () => {
    const first = await listenerRequest('cidff94', 'tournesol', { mayLeaveMessage: true });
    const firstBody = await peekBody();
    await drain();
    // The listener corrects the form: another number, no message, no code word.
    const second = await listenerRequest('cidff94', undefined, { contactId: first.contactId });
    expect(second.requestId).toBe(first.requestId);
    await drain();
    // The first submission is delivered again (a redrive, an SQS duplicate): it must not undo the correction.
    await clients.sqs.send(new SendMessageCommand({ QueueUrl: queues.url, MessageBody: firstBody }));
    expect((await drain()).failed).toBe(0);

    const stored = await record(first.requestId);
    expect(stored).toMatchObject({ status: 'pending', mayLeaveMessage: false, hasCodeWord: false });
    expect(stored?.history.map((entry) => entry.action)).toEqual(['created', 'notified', 'amended']);
    expect(readOutbox(outboxDir).filter((entry) => entry.requestId === first.requestId)).toHaveLength(1);
    const alice = await signPartnerToken({ groups: ['cidff94'], username: 'alice' });
    const opened = await call('POST', `/callbacks/${first.requestId}/open`, alice, OVERRIDE);
    expect(opened.body).toMatchObject({ phoneNumber: second.phoneNumber, rules: { mayLeaveMessage: false } });
    expect(opened.body.codeWord).toBeUndefined();
  });

  it('does not change a request an association has already claimed', async () => {
    const first = await listenerRequest('apcars94');
    await drain();
    const bob = await signPartnerToken({ groups: ['apcars94'], username: 'bob' });
    expect((await call('POST', `/callbacks/${first.requestId}/claim`, bob)).status).toBe(200);
    await listenerRequest('apcars94', undefined, { contactId: first.contactId });
    await drain();
    const opened = await call('POST', `/callbacks/${first.requestId}/open`, bob, OVERRIDE);
    expect(opened.body.phoneNumber).toBe(first.phoneNumber);
  });

  it('withdraws the request to the former partner when the listener changes partner', async () => {
    const former = await listenerRequest('cidff94');
    await drain();
    const current = await listenerRequest('apce94', undefined, { contactId: former.contactId });
    await drain();

    const withdrawn = await record(former.requestId);
    expect(withdrawn).toMatchObject({
      status: 'closed',
      outcome: 'withdrawn',
      partnerStatus: 'cidff94#closed',
    });
    expect(withdrawn?.encryptedContact).toBeUndefined();
    expect(await record(current.requestId)).toMatchObject({ status: 'pending', partnerId: 'apce94' });
    const alice = await signPartnerToken({ groups: ['cidff94'], username: 'alice' });
    const refused = await call('POST', `/callbacks/${former.requestId}/open`, alice, OVERRIDE);
    expect(refused).toMatchObject({
      status: 409,
      body: { message: PARTNER_REFUSALS.withdrawn, reasons: ['withdrawn'] },
    });
    expect(JSON.stringify(refused.body)).not.toContain(former.phoneNumber.slice(3));
    // The association's list shows it withdrawn, without number, instead of letting it vanish.
    const listed = await call('GET', '/callbacks', alice);
    expect(listed.body.withdrawn).toContainEqual(
      expect.objectContaining({
        requestId: former.requestId,
        status: 'closed',
        message: PARTNER_REFUSALS.withdrawn,
      }),
    );
    expect(JSON.stringify(listed.body)).not.toContain(former.phoneNumber.slice(3));
    expect(await auditOf(former.requestId)).toEqual([
      expect.objectContaining({ action: 'withdrawn', outcome: 'withdrawn', by: 'qualify-call' }),
    ]);
  });

  it('closes every request of the call as withdrawn when the listener withdraws it from the form', async () => {
    const request = await listenerRequest('apcars94');
    await drain();
    const withdraw = withdrawCallbacksPort(target(), () => nextSubmission());
    await withdraw(request.contactId, new AbortController().signal);
    await drain();
    const closed = await record(request.requestId);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'withdrawn' });
    expect(closed?.encryptedContact).toBeUndefined();
    const bob = await signPartnerToken({ groups: ['apcars94'], username: 'bob' });
    const refused = await call('POST', `/callbacks/${request.requestId}/open`, bob, OVERRIDE);
    expect(refused).toMatchObject({ status: 409, body: { reasons: ['withdrawn'] } });
    expect(refused.body.phoneNumber).toBeUndefined();
  });
});

describe('a withdrawal that overtakes its request', () => {
  it('keeps a tombstone: the late request is never stored nor sent, a later one goes through', async () => {
    const contactId = randomUUID();
    const submittedAt = nextSubmission();
    const withdrawnAt = nextSubmission();
    // The queue does not keep order: the withdrawal is dispatched before the request it withdraws.
    await withdrawCallbacksPort(target(), () => withdrawnAt)(contactId, new AbortController().signal);
    await drain();
    const phoneNumber = randomMobile();
    numbersUsed.push(phoneNumber);
    const details = {
      contactId,
      partnerId: 'cidff94' as const,
      phoneNumber,
      safeToCall: true,
      mayLeaveMessage: false,
      safeWindows: ['weekday-morning' as const],
    };
    const parkedBefore = await visibleMessages(clients.sqs, queues.dlqUrl);
    const late = await requestPartnerCallback(details, {
      ...target(),
      partners: prod.partners,
      now: () => submittedAt,
    });
    // Consumed successfully (not failed, not parked), and yet not stored.
    expect((await drain()).failed).toBe(0);
    expect(await visibleMessages(clients.sqs, queues.dlqUrl)).toBe(parkedBefore);
    expect(await record(late.requestId)).toBeUndefined();
    expect(readOutbox(outboxDir).filter((entry) => entry.requestId === late.requestId)).toEqual([]);
    // The listener asks again after withdrawing: that submission is newer than the tombstone.
    const again = await requestPartnerCallback(details, {
      ...target(),
      partners: prod.partners,
      now: () => nextSubmission(),
    });
    await drain();
    expect(await record(again.requestId)).toMatchObject({ status: 'pending' });
    expect(readOutbox(outboxDir).filter((entry) => entry.requestId === again.requestId)).toHaveLength(1);
  });
});

describe('safe contact, enforced', () => {
  it('refuses to open a number that is not safe to call, unless overridden with a reason, audited', async () => {
    const { requestId } = await listenerRequest('apce94', undefined, { safeToCall: false });
    await drain();
    const stored = await record(requestId);
    // The backstop TTL: every SLA window of the partner, then the closed retention.
    const partner = prod.partners.find((candidate) => candidate.id === 'apce94');
    expect(stored?.expiresAt).toBe(
      Math.floor(Date.parse(stored?.createdAt ?? '') / 1000) +
        (partner?.slaHours ?? 0) * (partner?.maxAttempts ?? 0) * 3600 +
        prod.retention.closedCallbacksDays * 86_400,
    );

    const carol = await signPartnerToken({ groups: ['apce94'], username: 'carol' });
    const refused = await call('POST', `/callbacks/${requestId}/open`, carol);
    expect(refused.status).toBe(409);
    expect(refused.body.reasons).toContain('unsafeNumber');
    expect(refused.body.message).toContain(PARTNER_REFUSALS.unsafeNumber);
    expect(refused.body.phoneNumber).toBeUndefined();
    expect((await record(requestId))?.history.some((entry) => entry.action === 'opened')).toBe(false);

    const tooLong = { override: { reason: 'x'.repeat(OVERRIDE_REASON_MAX_LENGTH + 1) } };
    expect((await call('POST', `/callbacks/${requestId}/open`, carol, tooLong)).status).toBe(400);

    const reason = 'la personne a rappelé la ligne pour demander un appel maintenant';
    const opened = await call('POST', `/callbacks/${requestId}/open`, carol, { override: { reason } });
    expect(opened).toMatchObject({ status: 200, body: { overridden: true } });
    expect((await record(requestId))?.history.filter((entry) => entry.action === 'opened')).toEqual([
      expect.objectContaining({ by: 'apce94/carol', override: true }),
    ]);
    expect(await auditOf(requestId)).toEqual([
      expect.objectContaining({
        action: 'opened',
        by: 'apce94/carol',
        sourceIp: expect.any(String),
        override: { reason, refusedBecause: expect.arrayContaining(['unsafeNumber']) },
      }),
    ]);
    // The reason is free text: the audit keeps it, the logs never.
    expect(logs.text()).not.toContain(reason);
  });
});

describe('append-only audit', () => {
  it('records who, what, when and from where for a claim, an opening and an outcome', async () => {
    const { requestId } = await listenerRequest('cidff94');
    await drain();
    const alice = await signPartnerToken({ groups: ['cidff94'], username: 'alice' });
    await call('POST', `/callbacks/${requestId}/claim`, alice);
    await call('POST', `/callbacks/${requestId}/open`, alice, OVERRIDE);
    await call('POST', `/callbacks/${requestId}/outcome`, alice, { outcome: 'declined' });
    const entries = await auditOf(requestId);
    expect(entries.map((entry) => entry.action).sort()).toEqual(['claimed', 'opened', 'outcome']);
    for (const entry of entries) {
      expect(entry).toMatchObject({
        requestId,
        partnerId: 'cidff94',
        by: 'cidff94/alice',
        at: expect.any(String),
        sourceIp: expect.any(String),
      });
      // Kept 12 months from the entry, by the table's TTL.
      expect(entry.expiresAt).toBe(Math.floor(Date.parse(entry.at as string) / 1000) + 365 * 86_400);
    }
  });

  it('refuses to overwrite an entry', async () => {
    const entry = {
      requestId: randomUUID(),
      partnerId: 'cidff94' as const,
      action: 'opened' as const,
      by: 'cidff94/alice',
      at: new Date().toISOString(),
    };
    await putAuditEntry(clients.dynamo, line.env.AUDIT_TABLE_NAME, entry, 'fixed-entry');
    await expect(
      putAuditEntry(
        clients.dynamo,
        line.env.AUDIT_TABLE_NAME,
        { ...entry, by: 'cidff94/mallory' },
        'fixed-entry',
      ),
    ).rejects.toBeInstanceOf(AuditOverwriteError);
    expect(await auditOf(entry.requestId)).toEqual([expect.objectContaining({ by: 'cidff94/alice' })]);
  });
});
