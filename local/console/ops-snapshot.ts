import * as fs from 'node:fs';
import * as path from 'node:path';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { OPEN_STATUSES } from '#domain/callbacks/record';
import { METRICS } from '#domain/metrics';
import { TABLES } from '#domain/tables';
import { parisDay } from '#domain/time/paris-time';
import { type OutboxEntry, readOutbox } from '../../functions/shared/callbacks/notifier';
import type { MetricsSink } from '../runtime/metrics-sink';

/**
 * What the console's ops panel shows: today's calls and the console's, as the calls table records them (never the
 * caller key), the catalogue metrics totalled from the EMF the handlers print, the open and overdue
 * callbacks, the dead-letter queues' depths, the line's callback tasks and the latest monthly report.
 */

export interface OpsCallRecord {
  readonly contactId: string;
  readonly initiatedAt?: string;
  readonly outcome?: string;
  readonly waitSeconds?: number;
  readonly talkSeconds?: number;
  /** The listener's qualification is on the record, or has moved with its statistics. */
  readonly qualified: boolean;
}

export interface OpsSnapshot {
  readonly calls: readonly OpsCallRecord[];
  /** Every catalogue metric, in catalogue order, with its total so far (0 when never emitted). */
  readonly metrics: readonly { readonly name: string; readonly unit: string; readonly sum: number }[];
  readonly callbacks: {
    readonly open: number;
    readonly overdue: number;
    readonly byPartner: Readonly<Record<string, number>>;
  };
  readonly deadLetterQueues: readonly { readonly name: string; readonly depth: number }[];
  /** Connect tasks for the listeners (the line's own callback requests), newest first. */
  readonly tasks: readonly Pick<OutboxEntry, 'at' | 'requestId' | 'subject' | 'message'>[];
  /** File name of the latest monthly report page, under /reports/. */
  readonly latestReport?: string;
}

export interface OpsSources {
  readonly dynamo: DynamoDBDocumentClient;
  readonly sqs: SQSClient;
  readonly callsTable: string;
  readonly callbacksTable: string;
  readonly deadLetterQueues: readonly { readonly name: string; readonly url: string }[];
  readonly metrics: MetricsSink;
  readonly outboxDir: string | undefined;
  readonly reportsDir: string;
}

/** The latest monthly report page in `dir` (names sort by month), if any. */
export function latestReport(dir: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  return fs
    .readdirSync(dir)
    .filter((name) => /^statistiques-\d{4}-\d{2}\.html$/.test(name))
    .sort()
    .at(-1);
}

async function callRecord(sources: OpsSources, contactId: string): Promise<OpsCallRecord> {
  const { Item } = await sources.dynamo.send(
    new GetCommand({ TableName: sources.callsTable, Key: { contactId }, ConsistentRead: true }),
  );
  const item = (Item ?? {}) as Record<string, unknown>;
  const number = (key: string) => (typeof item[key] === 'number' ? { [key]: item[key] as number } : {});
  const text = (key: string) => (typeof item[key] === 'string' ? { [key]: item[key] as string } : {});
  return {
    contactId,
    ...text('initiatedAt'),
    ...text('outcome'),
    ...number('waitSeconds'),
    ...number('talkSeconds'),
    qualified: item.qualification !== undefined || item.statisticsMovedAt !== undefined,
  };
}

/** Calls at most listed: the console is for trying the line, not for a day of production traffic. */
const MAX_LISTED_CALLS = 50;

/** Contact ids of the calls that started today (Paris), from the calls table's by-day index. */
async function todaysContactIds(sources: OpsSources, now: Date): Promise<string[]> {
  const { byDay, partitionKey } = TABLES.calls;
  const { Items = [] } = await sources.dynamo.send(
    new QueryCommand({
      TableName: sources.callsTable,
      IndexName: byDay.indexName,
      KeyConditionExpression: '#day = :day',
      ExpressionAttributeNames: { '#day': byDay.partitionKey },
      ExpressionAttributeValues: { ':day': parisDay(now) },
      Limit: MAX_LISTED_CALLS,
    }),
  );
  return Items.map((item) => String(item[partitionKey]));
}

/** The ops panel's figures now: today's calls and the calls `contactIds` played in the console. */
export async function opsSnapshot(
  sources: OpsSources,
  contactIds: readonly string[],
  now = new Date(),
): Promise<OpsSnapshot> {
  const listed = [...new Set([...contactIds, ...(await todaysContactIds(sources, now))])].slice(
    -MAX_LISTED_CALLS,
  );
  const calls = await Promise.all(listed.map((contactId) => callRecord(sources, contactId)));
  const totals = sources.metrics.totals();
  const metrics = Object.values(METRICS).map((metric) => ({
    name: metric.name,
    unit: metric.unit,
    sum: totals.filter((total) => total.name === metric.name).reduce((sum, total) => sum + total.sum, 0),
  }));
  const { Items = [] } = await sources.dynamo.send(
    new ScanCommand({
      TableName: sources.callbacksTable,
      ProjectionExpression: 'partnerId, #s, dueBy',
      ExpressionAttributeNames: { '#s': 'status' },
    }),
  );
  const open = Items.filter((item) => (OPEN_STATUSES as readonly string[]).includes(String(item.status)));
  const byPartner: Record<string, number> = {};
  for (const item of open) byPartner[String(item.partnerId)] = (byPartner[String(item.partnerId)] ?? 0) + 1;
  const deadLetterQueues = await Promise.all(
    sources.deadLetterQueues.map(async (queue) => {
      const { Attributes = {} } = await sources.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queue.url,
          AttributeNames: ['ApproximateNumberOfMessages'],
        }),
      );
      return { name: queue.name, depth: Number(Attributes.ApproximateNumberOfMessages ?? 0) };
    }),
  );
  const tasks = (sources.outboxDir === undefined ? [] : readOutbox(sources.outboxDir))
    .filter((entry) => entry.channel === 'task')
    .reverse()
    .map(({ at, requestId, subject, message }) => ({ at, requestId, subject, message }));
  const report = latestReport(sources.reportsDir);
  return {
    calls,
    metrics,
    callbacks: {
      open: open.length,
      overdue: open.filter((item) => Date.parse(String(item.dueBy)) < now.getTime()).length,
      byPartner,
    },
    deadLetterQueues,
    tasks,
    ...(report === undefined ? {} : { latestReport: path.basename(report) }),
  };
}
