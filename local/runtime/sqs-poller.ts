import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID, LOCAL_CREDENTIALS, LOCAL_REGION } from '../emulators/local-account';
import { type InvocationResult, type InvokeOptions, invokeFunction } from './lambda-runtime';
import type { LocalLine } from './line';

/**
 * The SQS event sources of the local line: a queue is polled into its consumer with Lambda's batch
 * semantics (partial batch failures; the emulator redrives to the DLQ after maxReceiveCount).
 */

export interface QueueSourceOptions {
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly functionName: string;
  /** @default 10 */
  readonly batchSize?: number;
  /** The mapping's `FunctionResponseTypes` includes ReportBatchItemFailures. @default true */
  readonly reportBatchItemFailures?: boolean;
  /**
   * Visibility timeout given to messages that failed, so they come back sooner than on AWS (where
   * they stay invisible for the queue's full visibility timeout). @default leave them as AWS does
   */
  readonly failedMessageVisibilitySeconds?: number;
  /** Passed to invokeFunction (time limit, template settings). */
  readonly invokeOptions?: InvokeOptions;
  /** @default a client on AWS_ENDPOINT_URL_SQS with the line's dummy credentials */
  readonly sqs?: SQSClient;
  /** Called after each batch, e.g. to print progress. */
  readonly onBatch?: (outcome: BatchOutcome) => void;
}

export interface BatchOutcome {
  readonly messageIds: readonly string[];
  /** Message ids that stay on the queue (retried, then redriven to the DLQ by the emulator). */
  readonly failedMessageIds: readonly string[];
  readonly invocation: InvocationResult;
}

export interface DrainSummary {
  readonly batches: number;
  readonly received: number;
  readonly deleted: number;
  readonly failed: number;
}

function toLambdaAttributes(
  attributes: Record<string, MessageAttributeValue> | undefined,
): SQSMessageAttributes {
  const converted: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(attributes ?? {})) {
    converted[name] = {
      dataType: value.DataType ?? 'String',
      stringListValues: [],
      binaryListValues: [],
      ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
      ...(value.BinaryValue === undefined
        ? {}
        : { binaryValue: Buffer.from(value.BinaryValue).toString('base64') }),
    };
  }
  return converted;
}

/** Builds the SQSEvent Lambda's event source mapping would deliver for `messages`. */
export function toSqsEvent(
  messages: readonly Message[],
  queueArn: string,
  region = process.env.AWS_REGION ?? LOCAL_REGION,
): SQSEvent {
  return {
    Records: messages.map(
      (message): SQSRecord => ({
        messageId: message.MessageId ?? '',
        receiptHandle: message.ReceiptHandle ?? '',
        body: message.Body ?? '',
        attributes: {
          ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
          SentTimestamp: message.Attributes?.SentTimestamp ?? String(Date.now()),
          SenderId: message.Attributes?.SenderId ?? LOCAL_ACCOUNT_ID,
          ApproximateFirstReceiveTimestamp:
            message.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
          ...(message.Attributes?.MessageGroupId
            ? { MessageGroupId: message.Attributes.MessageGroupId }
            : {}),
          ...(message.Attributes?.MessageDeduplicationId
            ? { MessageDeduplicationId: message.Attributes.MessageDeduplicationId }
            : {}),
          ...(message.Attributes?.SequenceNumber
            ? { SequenceNumber: message.Attributes.SequenceNumber }
            : {}),
        },
        messageAttributes: toLambdaAttributes(message.MessageAttributes),
        md5OfBody: message.MD5OfBody ?? '',
        eventSource: 'aws:sqs',
        eventSourceARN: queueArn,
        awsRegion: region,
      }),
    ),
  };
}

/**
 * Which messages of a batch failed, by Lambda's rules: a failed invocation fails the whole batch;
 * with ReportBatchItemFailures, the listed ids fail, and a malformed or unknown id fails the whole batch.
 */
export function failedMessageIds(
  messageIds: readonly string[],
  invocation: InvocationResult,
  reportBatchItemFailures: boolean,
): string[] {
  if (!invocation.ok) return [...messageIds];
  if (!reportBatchItemFailures) return [];
  const response = invocation.result as Partial<SQSBatchResponse> | null | undefined;
  const failures = response?.batchItemFailures;
  if (failures === undefined || failures === null) return [];
  if (!Array.isArray(failures)) return [...messageIds];
  const ids: string[] = [];
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '' || !messageIds.includes(id)) return [...messageIds];
    ids.push(id);
  }
  return [...new Set(ids)];
}

function defaultSqsClient(): SQSClient {
  return new SQSClient({
    region: process.env.AWS_REGION ?? LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    ...(process.env.AWS_ENDPOINT_URL_SQS ? { endpoint: process.env.AWS_ENDPOINT_URL_SQS } : {}),
  });
}

/**
 * Receives one batch (waiting up to `waitTimeSeconds`), invokes the consumer and deletes what succeeded.
 * Returns undefined when the queue had nothing to deliver.
 */
export async function deliverOneBatch(
  options: QueueSourceOptions,
  waitTimeSeconds = 0,
): Promise<BatchOutcome | undefined> {
  const sqs = options.sqs ?? defaultSqsClient();
  try {
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: Math.min(options.batchSize ?? 10, 10),
        WaitTimeSeconds: waitTimeSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    const messages = received.Messages ?? [];
    if (messages.length === 0) return undefined;
    const event = toSqsEvent(messages, options.queueArn);
    const invocation = await invokeFunction(options.functionName, event, options.invokeOptions);
    const messageIds = messages.map((message) => message.MessageId ?? '');
    const failed = new Set(failedMessageIds(messageIds, invocation, options.reportBatchItemFailures ?? true));
    const succeeded = messages.filter((message) => !failed.has(message.MessageId ?? ''));
    if (succeeded.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: options.queueUrl,
          Entries: succeeded.map((message, index) => ({
            Id: String(index),
            ReceiptHandle: message.ReceiptHandle,
          })),
        }),
      );
    }
    const failedMessages = messages.filter((message) => failed.has(message.MessageId ?? ''));
    if (failedMessages.length > 0 && options.failedMessageVisibilitySeconds !== undefined) {
      await sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: options.queueUrl,
          Entries: failedMessages.map((message, index) => ({
            Id: String(index),
            ReceiptHandle: message.ReceiptHandle,
            VisibilityTimeout: options.failedMessageVisibilitySeconds,
          })),
        }),
      );
    }
    const outcome: BatchOutcome = { messageIds, failedMessageIds: [...failed], invocation };
    options.onBatch?.(outcome);
    return outcome;
  } finally {
    if (options.sqs === undefined) sqs.destroy();
  }
}

/**
 * Delivers batches until the queue has nothing visible left (failed messages that become visible
 * again are retried, so with `failedMessageVisibilitySeconds: 0` this runs until every message is
 * either deleted or redriven to the DLQ).
 */
export async function drainQueue(options: QueueSourceOptions): Promise<DrainSummary> {
  const sqs = options.sqs ?? defaultSqsClient();
  let batches = 0;
  let received = 0;
  let failed = 0;
  try {
    for (;;) {
      const outcome = await deliverOneBatch({ ...options, sqs });
      if (outcome === undefined) break;
      batches += 1;
      received += outcome.messageIds.length;
      failed += outcome.failedMessageIds.length;
    }
  } finally {
    if (options.sqs === undefined) sqs.destroy();
  }
  return { batches, received, deleted: received - failed, failed };
}

export interface QueuePoller {
  /** Stops after the batch in flight; resolves with what was delivered. */
  stop(): Promise<DrainSummary>;
}

/** Polls a queue into its consumer until stopped, like a Lambda event source mapping. */
export function startQueuePoller(options: QueueSourceOptions): QueuePoller {
  const sqs = options.sqs ?? defaultSqsClient();
  let running = true;
  const summary = { batches: 0, received: 0, failed: 0 };
  const loop = (async () => {
    while (running) {
      try {
        const outcome = await deliverOneBatch({ ...options, sqs }, 1);
        if (outcome !== undefined) {
          summary.batches += 1;
          summary.received += outcome.messageIds.length;
          summary.failed += outcome.failedMessageIds.length;
        }
      } catch (error) {
        if (!running) break;
        process.stderr.write(`queue poller ${options.functionName}: ${(error as Error).message}\n`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      if (options.sqs === undefined) sqs.destroy();
      return { ...summary, deleted: summary.received - summary.failed };
    },
  };
}

/**
 * Polls every SQS event source of the template into its function (e.g. dispatch-callback on the
 * callback queue), as Lambda's event source mappings do. Returns one poller per source, labelled.
 */
export function startTemplateQueuePollers(
  line: Pick<LocalLine, 'resources' | 'queues'>,
): { readonly label: string; readonly poller: QueuePoller }[] {
  const started: { label: string; poller: QueuePoller }[] = [];
  for (const source of line.resources.queueSources) {
    const queue = line.queues.byLogicalId[source.queueLogicalId];
    if (queue === undefined) continue;
    const functionConfig = line.resources.functions[source.functionName];
    const poller = startQueuePoller({
      queueUrl: queue.url,
      queueArn: queue.arn,
      functionName: source.functionName,
      batchSize: source.batchSize,
      reportBatchItemFailures: source.reportBatchItemFailures,
      ...(functionConfig ? { invokeOptions: { functionConfig } } : {}),
    });
    started.push({ label: `${source.queueLogicalId} into ${source.functionName}`, poller });
  }
  return started;
}
