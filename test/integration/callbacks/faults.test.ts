import { randomUUID } from 'node:crypto';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse } from 'aws-lambda';
import { type CallbackRecord, parseCallbackRecord } from '#domain/callbacks/record';
import type { CallbackRequest } from '#domain/callbacks/request';
import { dueByFor, findPartner } from '#domain/partners';
import { prod } from '../../../config/stages/prod';
import { createDispatchHandler } from '../../../functions/dispatch-callback/app';
import { dynamoAuditLog } from '../../../functions/shared/callbacks/audit-log';
import {
  type ContactCipher,
  contactCipher,
  keyringFromEnv,
} from '../../../functions/shared/callbacks/encryption';
import type { CallbackNotice } from '../../../functions/shared/callbacks/notifier';
import { sealCallbackRequest } from '../../../functions/shared/callbacks/queue';
import { contactSealer } from '../../../functions/shared/callbacks/queue-envelope';
import { dataKeyUnwrapperFromEnv } from '../../../functions/shared/callbacks/queue-envelope-keys';
import { asyncKms, asyncKmsClient } from '../../../functions/shared/clients/kms';
import { powertoolsMetricSink } from '../../../functions/shared/emit-metric';
import { createLambdaContext } from '../../../local/runtime/lambda-runtime';
import { failedMessageIds, toSqsEvent } from '../../../local/runtime/sqs-poller';
import { applyCallbackLocalEnv, createTestQueues, visibleMessages } from '../../support/callback-queues';
import { lineClients, withLocalLine } from '../../support/local-line';
import { captureLogs, spellings } from '../../support/log-capture';
import { seededRandom, withSeed } from '../../support/seeded-random';

/*
 * Nothing lost under faults: ≥ 1,000 requests through the real SQS emulator and DynamoDB Local, with
 * throttling and 5xx injected into a share of DynamoDB calls (below the SDK's retries, as the wire
 * would fail), throttling injected into a share of encryptions (KMS), and a consumer that throws on a
 * share of deliveries plus a poison share that always throws. Every request must end exactly once:
 * stored and notified, or in the DLQ (whose depth meets the alarm's threshold of 1).
 */

const REQUESTS = Number(process.env.FAULT_TEST_REQUESTS ?? 1_000);
const POISON_SHARE = 0.02;
const DYNAMO_FAULT_RATE = Number(process.env.FAULT_TEST_RATE ?? 0.1);
const KMS_FAULT_RATE = 0.1;
const CONSUMER_THROW_RATE = 0.1;
const MAX_RECEIVE_COUNT = 5;
// Concurrent batches, as Lambda scales an SQS event source; DynamoDB Local (~100 writes/s) is the limit.
const CONSUMERS = Number(process.env.FAULT_TEST_CONSUMERS ?? 6);
/** The consumer's time limit: an idempotency record left in progress expires after it. */
const FUNCTION_TIMEOUT_MS = 4_000;

// Every injected fault comes from this seed: a failure prints it, FAULT_TEST_SEED replays it.
const random = seededRandom('FAULT_TEST_SEED');

const line = withLocalLine();
applyCallbackLocalEnv();
const clients = lineClients(line);

function faultyDynamo(counter: { injected: number }): DynamoDBClient {
  const client = new DynamoDBClient({
    region: line.env.AWS_REGION,
    endpoint: line.env.AWS_ENDPOINT_URL_DYNAMODB,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
  });
  // Inside the retry middleware (deserialize step), so the SDK retries the fault as it would on AWS.
  client.middlewareStack.add(
    (next) => async (args) => {
      if (random.next() < DYNAMO_FAULT_RATE) {
        counter.injected += 1;
        const throttled = random.next() < 0.5;
        throw Object.assign(new Error(throttled ? 'Rate exceeded' : 'Internal server error'), {
          name: throttled ? 'ThrottlingException' : 'InternalServerError',
          $fault: throttled ? 'client' : 'server',
          $metadata: { httpStatusCode: throttled ? 400 : 500 },
        });
      }
      return next(args);
    },
    { step: 'deserialize', name: 'faultInjection' },
  );
  return client;
}

function faultyCipher(cipher: ContactCipher, counter: { injected: number }): ContactCipher {
  return {
    encrypt: async (secret, binding) => {
      if (random.next() < KMS_FAULT_RATE) {
        counter.injected += 1;
        throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      }
      return cipher.encrypt(secret, binding);
    },
    decrypt: (ciphertext, binding) => cipher.decrypt(ciphertext, binding),
  };
}

it(
  `ends each of ${REQUESTS} requests exactly once under injected faults`,
  () =>
    withSeed(random, 'FAULT_TEST_SEED', async () => {
      const logs = captureLogs();
      const queues = await createTestQueues(clients.sqs, {
        visibilitySeconds: 5,
        maxReceiveCount: MAX_RECEIVE_COUNT,
      });
      const dynamoFaults = { injected: 0 };
      const kmsFaults = { injected: 0 };
      let consumerThrows = 0;
      const raw = faultyDynamo(dynamoFaults);
      const notices = new Map<string, CallbackNotice[]>();
      const poison = new Set<string>();
      const logger = new Logger({ serviceName: 'premier-pas', logLevel: 'WARN' });
      const metrics = new Metrics({ namespace: 'PremierPas', serviceName: 'premier-pas' });

      const dispatch = createDispatchHandler({
        deps: {
          store: {
            doc: DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }),
            tableName: line.env.CALLBACKS_TABLE_NAME,
          },
          cipher: faultyCipher(contactCipher(keyringFromEnv({ kms: asyncKms })), kmsFaults),
          unwrapDataKey: dataKeyUnwrapperFromEnv({ kms: asyncKmsClient }),
          notifier: {
            notify: async (notice) => {
              if (poison.has(notice.requestId) || random.next() < CONSUMER_THROW_RATE) {
                consumerThrows += 1;
                throw new Error('consumer failure injected');
              }
              notices.set(notice.requestId, [...(notices.get(notice.requestId) ?? []), notice]);
            },
          },
          logger,
          metrics: powertoolsMetricSink(metrics),
          policy: { partners: prod.partners, closedCallbacksDays: prod.retention.closedCallbacksDays },
          audit: dynamoAuditLog(DynamoDBDocumentClient.from(raw), line.env.AUDIT_TABLE_NAME),
        },
        metrics,
        persistenceStore: new DynamoDBPersistenceLayer({
          tableName: line.env.IDEMPOTENCY_TABLE_NAME,
          awsSdkV3Client: raw,
        }),
        idempotencySeconds: 3600,
      });

      const seal = contactSealer(process.env.CALLBACK_ENVELOPE_PUBLIC_KEY ?? '');
      // Arrange: 1,000 requests, 2 % of them poison.
      const requests: CallbackRequest[] = Array.from({ length: REQUESTS }, (_, index) => {
        const createdAt = new Date();
        const request: CallbackRequest = {
          requestId: randomUUID(),
          contactId: randomUUID(),
          partnerId: (['cidff94', 'apcars94', 'apce94', 'line'] as const)[index % 4] ?? 'line',
          phoneNumber: `+3361${String(index).padStart(7, '0')}`,
          safeToCall: true,
          mayLeaveMessage: index % 2 === 0,
          safeWindows: ['weekday-morning'],
          language: 'fr',
          createdAt: createdAt.toISOString(),
          dueBy: dueByFor(findPartner(prod.partners, 'cidff94'), createdAt),
        };
        if (index < REQUESTS * POISON_SHARE) poison.add(request.requestId);
        return request;
      });
      for (let start = 0; start < requests.length; start += 10) {
        await clients.sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queues.url,
            Entries: requests.slice(start, start + 10).map((request, index) => ({
              Id: String(index),
              // Sealed as the producers seal: the 1,000 numbers cross the queue as ciphertext.
              MessageBody: JSON.stringify(sealCallbackRequest(request, seal)),
            })),
          }),
        );
      }

      // Act: consumers like the event source mapping. Failed messages come back after the function's time
      // limit (the in-progress expiry of an idempotency record), as the 6× visibility rule ensures on AWS,
      // only sooner than AWS's 180 s so the test stays short.
      const deadline = Date.now() + 80_000;
      let drained = false;
      const monitor = (async () => {
        while (!drained && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 500));
          const attributes = await clients.sqs.send(
            new GetQueueAttributesCommand({
              QueueUrl: queues.url,
              AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
            }),
          );
          drained =
            Number(attributes.Attributes?.ApproximateNumberOfMessages) +
              Number(attributes.Attributes?.ApproximateNumberOfMessagesNotVisible) ===
            0;
        }
      })();
      const consume = async () => {
        while (!drained && Date.now() < deadline) {
          const received = await clients.sqs.send(
            new ReceiveMessageCommand({
              QueueUrl: queues.url,
              MaxNumberOfMessages: 10,
              WaitTimeSeconds: 1,
              MessageSystemAttributeNames: ['All'],
            }),
          );
          const messages = received.Messages ?? [];
          if (messages.length === 0) continue;
          const event = toSqsEvent(messages, queues.arn);
          const context = createLambdaContext('dispatch-callback', { timeoutMs: FUNCTION_TIMEOUT_MS });
          let result: SQSBatchResponse | undefined;
          let failure: Error | undefined;
          try {
            result = await dispatch(event, context);
          } catch (caught) {
            failure = caught as Error;
          }
          const invocation = failure
            ? {
                ok: false as const,
                error: { name: failure.name, message: '', timedOut: false },
                durationMs: 0,
                requestId: '',
              }
            : { ok: true as const, result, durationMs: 0, requestId: '' };
          const failed = new Set(
            failedMessageIds(
              messages.map((message) => message.MessageId ?? ''),
              invocation,
              true,
            ),
          );
          const done = messages.filter((message) => !failed.has(message.MessageId ?? ''));
          if (done.length > 0) {
            await clients.sqs.send(
              new DeleteMessageBatchCommand({
                QueueUrl: queues.url,
                Entries: done.map((message, index) => ({
                  Id: String(index),
                  ReceiptHandle: message.ReceiptHandle,
                })),
              }),
            );
          }
          const retry = messages.filter((message) => failed.has(message.MessageId ?? ''));
          if (retry.length > 0) {
            await clients.sqs.send(
              new ChangeMessageVisibilityBatchCommand({
                QueueUrl: queues.url,
                Entries: retry.map((message, index) => ({
                  Id: String(index),
                  ReceiptHandle: message.ReceiptHandle,
                  VisibilityTimeout: FUNCTION_TIMEOUT_MS / 1000 + 1,
                })),
              }),
            );
          }
        }
      };
      const started = Date.now();
      await Promise.all([monitor, ...Array.from({ length: CONSUMERS }, consume)]);
      const elapsedSeconds = (Date.now() - started) / 1000;

      // Assess: what was stored, notified, and parked.
      const dlqDepth = await visibleMessages(clients.sqs, queues.dlqUrl);
      const parked: string[] = [];
      for (;;) {
        const batch = await clients.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queues.dlqUrl,
            MaxNumberOfMessages: 10,
            VisibilityTimeout: 60,
          }),
        );
        if ((batch.Messages ?? []).length === 0) break;
        for (const message of batch.Messages ?? [])
          parked.push((JSON.parse(message.Body ?? '{}') as CallbackRequest).requestId);
      }
      const stored = new Map<string, CallbackRecord>();
      for (let start = 0; start < requests.length; start += 100) {
        const keys = requests.slice(start, start + 100).map((request) => ({ requestId: request.requestId }));
        let pending: Record<string, unknown>[] = keys;
        while (pending.length > 0) {
          const got = await clients.dynamo.send(
            new BatchGetCommand({ RequestItems: { [line.env.CALLBACKS_TABLE_NAME]: { Keys: pending } } }),
          );
          for (const item of got.Responses?.[line.env.CALLBACKS_TABLE_NAME] ?? []) {
            stored.set(String(item.requestId), parseCallbackRecord(item));
          }
          pending = (got.UnprocessedKeys?.[line.env.CALLBACKS_TABLE_NAME]?.Keys ?? []) as Record<
            string,
            unknown
          >[];
        }
      }
      const storedAndNotified = requests.filter(
        (request) =>
          stored.get(request.requestId)?.notifiedAt !== undefined &&
          (notices.get(request.requestId)?.length ?? 0) > 0,
      );
      const duplicateNotifications = [...notices.values()].reduce(
        (sum, list) => sum + Math.max(0, list.length - 1),
        0,
      );
      const duplicateRecords = [...stored.values()].filter(
        (record) => record.history.filter((entry) => entry.action === 'created').length > 1,
      ).length;
      const parkedSet = new Set(parked);
      const inBoth = storedAndNotified.filter((request) => parkedSet.has(request.requestId)).length;
      const lost = requests.filter(
        (request) => !parkedSet.has(request.requestId) && !storedAndNotified.includes(request),
      ).length;

      logs.restore();
      const lostRequests = requests.filter(
        (request) => !parkedSet.has(request.requestId) && !storedAndNotified.includes(request),
      );
      if (lostRequests.length > 0) {
        const kinds = lostRequests.map((request) => {
          const record = stored.get(request.requestId);
          return `${record ? 'stored' : 'absent'}/${record?.notifiedAt ? 'marked' : 'unmarked'}/${notices.get(request.requestId)?.length ?? 0}`;
        });
        const counts: Record<string, number> = {};
        for (const kind of kinds) counts[kind] = (counts[kind] ?? 0) + 1;
        console.log(`unfinished requests by state: ${JSON.stringify(counts)}`);
      }
      console.log(
        [
          `callback fault test: sent ${REQUESTS}`,
          `stored and notified ${storedAndNotified.length}`,
          `in DLQ ${parked.length} (poison ${poison.size}, DLQ depth ${dlqDepth})`,
          `duplicate DLQ entries ${parked.length - parkedSet.size}`,
          `duplicate notifications ${duplicateNotifications}`,
          `duplicate records ${duplicateRecords}`,
          `in both ${inBoth}, lost ${lost}`,
          `consumed in ${elapsedSeconds.toFixed(1)} s`,
          `faults injected: DynamoDB ${dynamoFaults.injected}, KMS ${kmsFaults.injected}, consumer throws ${consumerThrows}`,
        ].join('; '),
      );

      expect(lost).toBe(0);
      expect(inBoth).toBe(0);
      expect(storedAndNotified.length + parkedSet.size).toBe(REQUESTS);
      expect(parked.length).toBe(parkedSet.size);
      expect(duplicateNotifications).toBe(0);
      expect(duplicateRecords).toBe(0);
      for (const requestId of poison) expect(parkedSet.has(requestId)).toBe(true);
      // The DLQ alarm fires at one visible message.
      expect(dlqDepth).toBeGreaterThanOrEqual(1);
      expect(dynamoFaults.injected).toBeGreaterThan(100);
      expect(kmsFaults.injected).toBeGreaterThan(50);
      // No number reached a log line, even in the error paths.
      const text = logs.text();
      for (const request of requests.slice(0, 50))
        for (const spelling of spellings(request.phoneNumber)) expect(text).not.toContain(spelling);
      raw.destroy();
      clients.destroy();
    }),
  120_000,
);
