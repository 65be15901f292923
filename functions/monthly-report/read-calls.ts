import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type CallRecord, CallRecordSchema } from '#domain/call-record';
import { TABLES } from '#domain/tables';

/** The calls table's index by Paris day (see infra/stacks/data-stack.ts). */

export interface MonthCalls {
  readonly calls: readonly CallRecord[];
  /** Items that did not match the call record schema; counted, never silently dropped. */
  readonly unreadable: number;
}

/**
 * Reads every call of the given Paris days through the `byDay` index: one Query per day, following
 * pagination. `onDay` reports progress (the local command prints it).
 */
export async function readCallsOfDays(
  dynamo: DynamoDBDocumentClient,
  callsTable: string,
  days: readonly string[],
  onDay: (day: string, count: number) => void = () => {},
): Promise<MonthCalls> {
  const calls: CallRecord[] = [];
  let unreadable = 0;
  for (const day of days) {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: callsTable,
          IndexName: TABLES.calls.byDay.indexName,
          KeyConditionExpression: '#day = :day',
          ExpressionAttributeNames: { '#day': 'day' },
          ExpressionAttributeValues: { ':day': day },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const parsed = CallRecordSchema.safeParse(item);
        if (parsed.success) {
          calls.push(parsed.data);
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
