import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { CALL_ITEM_DAYS, MOVE_AFTER_DAYS } from '#domain/call-record';
import { TABLES } from '#domain/tables';
import { parisDay } from '#domain/time/paris-time';
import type { MetricSink } from '../shared/emit-metric';
import { asError } from '../shared/env';
import { moveStatistics } from '../shared/move-statistics';

/**
 * The daily sweep: every call that started more than {@link MOVE_AFTER_DAYS} days ago and whose
 * statistics have not moved (never qualified, or never ended as far as the events tell) moves now, as
 * it stands. It looks back to {@link CALL_ITEM_DAYS}, when call items expire, so a sweep that failed
 * for a few days catches up.
 */

const DAY_MS = 86_400_000;

export interface SweepDeps {
  readonly dynamo: Pick<DynamoDBDocumentClient, 'send'>;
  readonly callsTable: string;
  readonly statisticsTable: string;
  readonly retentionDays: number;
  /** A qualified call the sweep moves is counted here (see functions/shared/move-statistics.ts). */
  readonly metrics: MetricSink;
  readonly logger: { warn(message: string, attributes: Record<string, unknown>): void };
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** @default sweptDays(now) */
  readonly days?: readonly string[];
}

export interface SweepResult {
  readonly days: readonly string[];
  readonly moved: number;
  readonly failed: number;
}

/** Paris days that may hold calls older than the move delay and still in the calls table, oldest first. */
export function sweptDays(now: Date): string[] {
  const days = new Set<string>();
  for (let back = CALL_ITEM_DAYS; back >= MOVE_AFTER_DAYS; back -= 1) {
    days.add(parisDay(new Date(now.getTime() - back * DAY_MS)));
  }
  return [...days];
}

/** Moves the statistics of every call older than the move delay; a call that fails is left for tomorrow. */
export async function sweepStatistics(deps: SweepDeps): Promise<SweepResult> {
  const now = (deps.now ?? (() => new Date()))();
  const cutoff = new Date(now.getTime() - MOVE_AFTER_DAYS * DAY_MS).toISOString();
  const days = deps.days ?? sweptDays(now);
  let moved = 0;
  let failed = 0;
  for (const day of days) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await deps.dynamo.send(
        new QueryCommand({
          TableName: deps.callsTable,
          IndexName: TABLES.calls.byDay.indexName,
          KeyConditionExpression: '#day = :day AND initiatedAt <= :cutoff',
          FilterExpression: 'attribute_not_exists(statisticsMovedAt)',
          ProjectionExpression: 'contactId',
          ExpressionAttributeNames: { '#day': 'day' },
          ExpressionAttributeValues: { ':day': day, ':cutoff': cutoff },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const contactId = String(item.contactId);
        try {
          const outcome = await moveStatistics(deps, contactId, { force: true });
          if (outcome === 'moved') moved += 1;
        } catch (caught) {
          failed += 1;
          deps.logger.warn('statistics not moved; the next sweep retries', {
            contactId,
            errorName: asError(caught).name,
          });
        }
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
  }
  return { days, moved, failed };
}
