import { randomUUID } from 'node:crypto';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type {
  EventBridgeEvent,
  SQSBatchResponse,
  SQSEvent,
  SQSMessageAttributes,
  SQSRecord,
} from 'aws-lambda';
import { LOCAL_ACCOUNT_ID, LOCAL_CREDENTIALS, LOCAL_REGION } from '../emulators/local-account';
import { type InvocationResult, type InvokeOptions, invokeFunction } from './lambda-runtime';
import type { LocalEventRule, LocalFunction } from './provision';

/**
 * The event sources of the local line, wired as the template wires them: EventBridge events go to
 * the functions whose rule pattern matches, and SQS queues are polled into their consumer with
 * Lambda's batch semantics (partial batch failures, redrive to the DLQ by the emulator).
 */

// ---------------------------------------------------------------- EventBridge

export interface EnvelopeOptions {
  readonly source: string;
  readonly detailType: string;
  /** @default now */
  readonly time?: Date | string;
  /** @default the line's region */
  readonly region?: string;
  /** ARNs of the resources involved (Connect puts the contact ARN here). @default [] */
  readonly resources?: readonly string[];
  /** @default a random UUID */
  readonly id?: string;
}

/** Wraps `detail` in the envelope EventBridge delivers to a Lambda target. */
export function eventBridgeEnvelope<TDetail>(
  detail: TDetail,
  options: EnvelopeOptions,
): EventBridgeEvent<string, TDetail> {
  const time = options.time === undefined ? new Date() : new Date(options.time);
  return {
    version: '0',
    id: options.id ?? randomUUID(),
    'detail-type': options.detailType,
    source: options.source,
    account: LOCAL_ACCOUNT_ID,
    // EventBridge writes whole seconds.
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: options.region ?? process.env.AWS_REGION ?? LOCAL_REGION,
    resources: [...(options.resources ?? [])],
    detail,
  };
}

/** An Amazon Connect contact event as EventBridge delivers it (`detail` as Connect writes it). */
export function contactEventEnvelope<TDetail extends Record<string, unknown>>(
  detail: TDetail,
  options: { time?: Date | string; region?: string; id?: string } = {},
): EventBridgeEvent<'Amazon Connect Contact Event', TDetail> {
  const contactArn = detail.contactArn ?? detail.ContactArn;
  return eventBridgeEnvelope(detail, {
    ...options,
    source: 'aws.connect',
    detailType: 'Amazon Connect Contact Event',
    time:
      options.time ??
      (typeof detail.initiationTimestamp === 'string' ? detail.initiationTimestamp : undefined),
    resources: typeof contactArn === 'string' ? [contactArn] : [],
  }) as EventBridgeEvent<'Amazon Connect Contact Event', TDetail>;
}

function matchesRule(rule: unknown, value: unknown): boolean {
  if (rule === null || typeof rule !== 'object') return value === rule;
  const operator = rule as Record<string, unknown>;
  if ('prefix' in operator) return typeof value === 'string' && value.startsWith(String(operator.prefix));
  if ('suffix' in operator) return typeof value === 'string' && value.endsWith(String(operator.suffix));
  if ('equals-ignore-case' in operator) {
    return (
      typeof value === 'string' &&
      value.toLowerCase() === String(operator['equals-ignore-case']).toLowerCase()
    );
  }
  if ('anything-but' in operator) {
    const excluded = operator['anything-but'];
    return Array.isArray(excluded)
      ? !excluded.some((entry) => matchesRule(entry, value))
      : !matchesRule(excluded, value);
  }
  throw new Error(`event pattern operator not supported on the local line: ${JSON.stringify(rule)}`);
}

/**
 * True when `event` matches an EventBridge `pattern` (exact values, prefix, suffix, equals-ignore-case,
 * anything-but, exists). Field names are case-sensitive, as on EventBridge.
 */
export function matchesEventPattern(pattern: unknown, event: unknown): boolean {
  if (pattern === null || typeof pattern !== 'object' || Array.isArray(pattern)) return false;
  const fields = event !== null && typeof event === 'object' ? (event as Record<string, unknown>) : {};
  return Object.entries(pattern as Record<string, unknown>).every(([field, expected]) => {
    const value = fields[field];
    if (Array.isArray(expected)) {
      const exists = expected.find(
        (rule): rule is { exists: boolean } => rule !== null && typeof rule === 'object' && 'exists' in rule,
      );
      if (exists !== undefined) return (value !== undefined) === exists.exists;
      if (value === undefined) return false;
      const values = Array.isArray(value) ? value : [value];
      return values.some((candidate) => expected.some((rule) => matchesRule(rule, candidate)));
    }
    return matchesEventPattern(expected, value);
  });
}

export interface EventDelivery {
  readonly functionName: string;
  readonly ruleLogicalId: string;
  readonly invocation: InvocationResult;
}

/**
 * Delivers an EventBridge event to every function whose rule (from the template) matches it, in order,
 * and returns one delivery per target. An event no rule matches returns no delivery, as on AWS.
 */
export async function putEvent(
  event: EventBridgeEvent<string, unknown>,
  rules: readonly LocalEventRule[],
  functions: Readonly<Record<string, LocalFunction>> = {},
): Promise<EventDelivery[]> {
  const deliveries: EventDelivery[] = [];
  for (const rule of rules) {
    if (!matchesEventPattern(rule.eventPattern, event)) continue;
    for (const functionName of rule.functionNames) {
      const functionConfig = functions[functionName];
      const invocation = await invokeFunction(functionName, event, functionConfig ? { functionConfig } : {});
      deliveries.push({ functionName, ruleLogicalId: rule.logicalId, invocation });
    }
  }
  return deliveries;
}

/** Delivers an EventBridge event straight to one function (no rule matching), like a test invoke. */
export function deliverEventBridgeEvent(
  functionName: string,
  event: EventBridgeEvent<string, unknown>,
  options: InvokeOptions = {},
): Promise<InvocationResult> {
  return invokeFunction(functionName, event, options);
}

// ---------------------------------------------------------------- SQS

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
