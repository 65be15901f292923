import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type CallRecord, MOVED_ITEM_DAYS, parseCallRecord } from '#domain/call-record';
import { statisticsOf } from '#domain/call-statistics';
import type { MetricSink } from './emit-metric';
import { asError } from './env';

/**
 * Moves a call's statistics out of the contactId-keyed calls table into the statistics table, under a
 * random id, in one conditional transaction: the statistics item is put, and the call item loses its
 * qualification, is marked moved and gets a short TTL. The condition is the call item's `revision`, the
 * optimistic-concurrency counter every writer bumps, so a writer that changed the call in between makes
 * the transaction fail and the move is read again; a move that already happened is seen as such. So
 * the three movers (contact-events, qualify-call, the sweep) may race and retry: each call is moved once.
 *
 * The move is also where a qualification is counted (QualificationsRecorded): it is the one write that
 * happens once per call. Counting when the qualification is stored cannot be exact: a store whose
 * answer is lost to the flow's time budget may have landed, and the listener's retry then finds a
 * qualification already there and cannot tell whether it was counted.
 */

export type MoveOutcome = 'moved' | 'not_ready' | 'already_moved' | 'absent';

export interface MoveStatisticsDeps {
  readonly dynamo: Pick<DynamoDBDocumentClient, 'send'>;
  readonly callsTable: string;
  readonly statisticsTable: string;
  /** The stage's calls retention: how long the statistics item is kept. */
  readonly retentionDays: number;
  /** Where the mover counts the qualification it moved. */
  readonly metrics: MetricSink;
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** @default randomUUID */
  readonly newId?: () => string;
  /** @default 5 */
  readonly maxAttempts?: number;
  readonly abortSignal?: AbortSignal;
}

/** Raised when the call kept changing under every attempt; the caller's retry (or the sweep) moves it later. */
export class MoveConflictError extends Error {
  constructor(
    readonly contactId: string,
    readonly attempts: number,
  ) {
    super(`call ${contactId} changed under each of ${attempts} move attempts`);
    this.name = 'MoveConflictError';
  }
}

/** A call is ready to move once it has ended (an outcome) and the listener has qualified it. */
export function isReadyToMove(call: CallRecord): boolean {
  return (
    call.statisticsMovedAt === undefined &&
    call.outcome !== undefined &&
    (call as Record<string, unknown>).qualification !== undefined
  );
}

const SECONDS_PER_DAY = 86_400;

const isLostRace = (error: unknown): boolean => {
  const { name } = asError(error);
  return (
    name === 'TransactionCanceledException' ||
    name === 'TransactionConflictException' ||
    name === 'ConditionalCheckFailedException'
  );
};

async function transact(deps: MoveStatisticsDeps, call: CallRecord, now: Date): Promise<boolean> {
  const retentionDays = deps.retentionDays;
  const statistics = statisticsOf(call, { statId: (deps.newId ?? randomUUID)(), retentionDays });
  const values: Record<string, unknown> = {
    ':movedAt': now.toISOString(),
    ':expiresAt': Math.floor(now.getTime() / 1000) + MOVED_ITEM_DAYS * SECONDS_PER_DAY,
    ':nextRevision': (call.revision ?? 0) + 1,
  };
  let condition = 'attribute_exists(contactId) AND attribute_not_exists(statisticsMovedAt)';
  if (call.revision === undefined) condition += ' AND attribute_not_exists(#revision)';
  else {
    condition += ' AND #revision = :revision';
    values[':revision'] = call.revision;
  }
  try {
    await deps.dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: deps.statisticsTable,
              Item: statistics,
              // A random id never collides; the condition makes sure of it.
              ConditionExpression: 'attribute_not_exists(statId)',
            },
          },
          {
            Update: {
              TableName: deps.callsTable,
              Key: { contactId: call.contactId },
              UpdateExpression:
                'SET statisticsMovedAt = :movedAt, expiresAt = :expiresAt, #revision = :nextRevision REMOVE qualification, qualifiedAt',
              ConditionExpression: condition,
              ExpressionAttributeNames: { '#revision': 'revision' },
              ExpressionAttributeValues: values,
            },
          },
        ],
      }),
      { abortSignal: deps.abortSignal },
    );
    return true;
  } catch (error) {
    if (isLostRace(error)) return false;
    throw error;
  }
}

/** Counts the qualification a committed move took along, if the call had one. */
function countQualification(call: CallRecord, metrics: MetricSink): void {
  const qualification = (call as Record<string, unknown>).qualification;
  if (qualification === undefined || qualification === null) return;
  metrics.emit('qualificationsRecorded', 1);
  const { callerRole } = qualification as { callerRole?: unknown };
  if (typeof callerRole === 'string') metrics.emit('qualificationsByCallerRole', 1, { callerRole });
}

/**
 * Moves the statistics of `contactId` when the call is ready ({@link isReadyToMove}), or whatever its
 * state when `force` is set (the sweep, for calls never qualified). Idempotent.
 * @throws MoveConflictError when the call changed under every attempt.
 */
export async function moveStatistics(
  deps: MoveStatisticsDeps,
  contactId: string,
  options: { readonly force?: boolean } = {},
): Promise<MoveOutcome> {
  const maxAttempts = deps.maxAttempts ?? 5;
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const { Item } = await deps.dynamo.send(
      new GetCommand({ TableName: deps.callsTable, Key: { contactId }, ConsistentRead: true }),
      { abortSignal: deps.abortSignal },
    );
    if (Item === undefined) return 'absent';
    const call = parseCallRecord(Item);
    if (call.statisticsMovedAt !== undefined) return 'already_moved';
    // A call with no known start cannot be dated; it expires with its item instead.
    if (call.initiatedAt === undefined || !(options.force === true || isReadyToMove(call))) {
      return 'not_ready';
    }
    if (await transact(deps, call, (deps.now ?? (() => new Date()))())) {
      countQualification(call, deps.metrics);
      return 'moved';
    }
  }
  throw new MoveConflictError(contactId, maxAttempts);
}
