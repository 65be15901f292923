import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type CallStatistics, CallStatisticsSchema } from '#domain/call-statistics';
import { TABLES } from '#domain/tables';

/**
 * The statistics table's index by Paris day (see infra/stacks/data-stack.ts). The report reads the
 * anonymous statistics items only, never the contactId-keyed calls table.
 */

export interface MonthCalls {
  readonly calls: readonly CallStatistics[];
  /** Items that did not match the statistics schema; counted, never silently dropped. */
  readonly unreadable: number;
}

/** Reads every call of the given Paris days into memory (see {@link forEachCallOfDays}). */
export async function readCallsOfDays(
  dynamo: Pick<DynamoDBDocumentClient, 'send'>,
  statisticsTable: string,
  days: readonly string[],
  onDay: (day: string, count: number) => void = () => {},
): Promise<MonthCalls> {
  const calls: CallStatistics[] = [];
  const { unreadable } = await forEachCallOfDays(
    dynamo,
    statisticsTable,
    days,
    (call) => calls.push(call),
    onDay,
  );
  return { calls, unreadable };
}

/**
 * Hands the statistics of every call of the given Paris days to `onCall`, one Query page at a time
 * through the `byDay` index, following pagination: only a page is ever held. `onDay` reports progress
 * (the local command prints it).
 */
export async function forEachCallOfDays(
  dynamo: Pick<DynamoDBDocumentClient, 'send'>,
  statisticsTable: string,
  days: readonly string[],
  onCall: (call: CallStatistics) => void,
  onDay: (day: string, count: number) => void = () => {},
): Promise<{ readonly calls: number; readonly unreadable: number }> {
  let calls = 0;
  let unreadable = 0;
  for (const day of days) {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: statisticsTable,
          IndexName: TABLES.statistics.byDay.indexName,
          KeyConditionExpression: '#day = :day',
          ExpressionAttributeNames: { '#day': 'day' },
          ExpressionAttributeValues: { ':day': day },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const parsed = CallStatisticsSchema.safeParse(item);
        if (parsed.success) {
          onCall(parsed.data);
          calls += 1;
          count += 1;
        } else {
          unreadable += 1;
        }
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    onDay(day, count);
  }
  return { calls, unreadable };
}
