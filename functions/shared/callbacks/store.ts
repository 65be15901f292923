import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  appendHistory,
  type CallbackRecord,
  type CallbackStatus,
  type HistoryEntry,
  OPEN_STATUSES,
  type OpenStatus,
  parseCallbackRecord,
  partnerStatusKey,
} from '#domain/callbacks/record';
import type { PartnerId } from '#domain/partners';
import { TABLES } from '#domain/tables';

/**
 * Data access for callback records. Every write is conditional, so retries and races stay safe; every
 * read is parsed with the record's schema (CallbackRecordShapeError names the fields, never values).
 */

export interface CallbackStore {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
}

/** A conditional write lost a race or met a closed record; callers map it to 409. */
export class CallbackConflictError extends Error {
  override readonly name = 'CallbackConflictError';
  constructor(
    readonly requestId: string,
    reason: string,
  ) {
    super(`Callback ${requestId}: ${reason}`);
  }
}

const isConditionFailure = (caught: unknown): boolean =>
  caught instanceof ConditionalCheckFailedException ||
  (caught instanceof Error && caught.name === 'ConditionalCheckFailedException');

/** Creates the record once; a second call for the same requestId reports `exists` and writes nothing. */
export async function putNewCallback(
  store: CallbackStore,
  record: CallbackRecord,
): Promise<'created' | 'exists'> {
  try {
    await store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: record,
        ConditionExpression: 'attribute_not_exists(requestId)',
      }),
    );
    return 'created';
  } catch (caught) {
    if (isConditionFailure(caught)) return 'exists';
    throw caught;
  }
}

/** The record of `requestId`, read consistently, or undefined when there is none. */
export async function getCallback(
  store: CallbackStore,
  requestId: string,
): Promise<CallbackRecord | undefined> {
  const found = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: { requestId }, ConsistentRead: true }),
  );
  return found.Item === undefined ? undefined : parseCallbackRecord(found.Item);
}

/** Records the first notification once; `false` when it was already recorded. */
export async function markNotified(store: CallbackStore, requestId: string, at: string): Promise<boolean> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: { requestId },
        UpdateExpression: 'SET notifiedAt = :at, history = list_append(history, :entry)',
        ConditionExpression: 'attribute_exists(requestId) AND attribute_not_exists(notifiedAt)',
        ExpressionAttributeValues: {
          ':at': at,
          ':entry': [{ at, action: 'notified' } satisfies HistoryEntry],
        },
      }),
    );
    return true;
  } catch (caught) {
    if (isConditionFailure(caught)) return false;
    throw caught;
  }
}

/**
 * Claims the partner notification of a request for one consumer: true for exactly one of several
 * concurrent deliveries (a producer's retry is a later submission, so idempotency does not merge it
 * with the first), so the association is notified once. A claim older than `staleAfterMs`, left by a
 * consumer that died between claim and notify, can be taken over by the redelivery.
 */
export async function claimNotification(
  store: CallbackStore,
  requestId: string,
  now: Date,
  staleAfterMs: number,
): Promise<boolean> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: { requestId },
        UpdateExpression: 'SET notifyClaimedAt = :now',
        ConditionExpression:
          'attribute_exists(requestId) AND attribute_not_exists(notifiedAt) AND (attribute_not_exists(notifyClaimedAt) OR notifyClaimedAt < :stale)',
        ExpressionAttributeValues: {
          ':now': now.toISOString(),
          ':stale': new Date(now.getTime() - staleAfterMs).toISOString(),
        },
      }),
    );
    return true;
  } catch (caught) {
    if (isConditionFailure(caught)) return false;
    throw caught;
  }
}

/** Gives back a notification claim taken at `claimedAt` (only that claim: a newer one is left alone). */
export async function releaseNotification(
  store: CallbackStore,
  requestId: string,
  claimedAt: Date,
): Promise<void> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: { requestId },
        UpdateExpression: 'REMOVE notifyClaimedAt',
        ConditionExpression: 'notifyClaimedAt = :mine',
        ExpressionAttributeValues: { ':mine': claimedAt.toISOString() },
      }),
    );
  } catch (caught) {
    if (!isConditionFailure(caught)) throw caught;
  }
}

/** Records of one partner in one status, by dueBy; `dueBefore` keeps only those due earlier. */
export async function queryByPartnerStatus(
  store: CallbackStore,
  partnerId: PartnerId,
  status: CallbackStatus,
  dueBefore?: string,
): Promise<CallbackRecord[]> {
  const records: CallbackRecord[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: TABLES.callbacks.byPartnerStatus.indexName,
        KeyConditionExpression:
          dueBefore === undefined ? 'partnerStatus = :ps' : 'partnerStatus = :ps AND dueBy < :before',
        ExpressionAttributeValues: {
          ':ps': partnerStatusKey(partnerId, status),
          ...(dueBefore === undefined ? {} : { ':before': dueBefore }),
        },
        ExclusiveStartKey: startKey,
      }),
    );
    records.push(...(page.Items ?? []).map(parseCallbackRecord));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return records;
}

/** A partner's open requests (pending, claimed, retry), sorted by dueBy. */
export async function listOpenCallbacks(
  store: CallbackStore,
  partnerId: PartnerId,
  dueBefore?: string,
): Promise<CallbackRecord[]> {
  const lists = await Promise.all(
    OPEN_STATUSES.map((status: OpenStatus) => queryByPartnerStatus(store, partnerId, status, dueBefore)),
  );
  return lists
    .flat()
    .sort((a, b) => a.dueBy.localeCompare(b.dueBy) || a.requestId.localeCompare(b.requestId));
}

/** How long a partner's list still shows a request the line withdrew, so the association learns of it. */
export const WITHDRAWN_SHOWN_DAYS = 7;

/** A partner's requests the line withdrew in the last {@link WITHDRAWN_SHOWN_DAYS} days. */
export async function listRecentlyWithdrawn(
  store: CallbackStore,
  partnerId: PartnerId,
  now: Date,
): Promise<CallbackRecord[]> {
  const since = new Date(now.getTime() - WITHDRAWN_SHOWN_DAYS * 86_400_000).toISOString();
  const closed = await queryByPartnerStatus(store, partnerId, 'closed');
  return closed.filter((record) => record.outcome === 'withdrawn' && (record.closedAt ?? '') >= since);
}

/** Changes applied to a record under its optimistic lock. */
export interface CallbackChange {
  readonly set?: Partial<Omit<CallbackRecord, 'requestId' | 'history' | 'version'>>;
  readonly remove?: readonly (keyof CallbackRecord)[];
  readonly history: readonly HistoryEntry[];
}

/**
 * Applies a change if the record is still at the version it was read at, writing the history with the
 * change's entries appended and capped ({@link appendHistory}). Throws CallbackConflictError when
 * someone else wrote first.
 */
export async function updateCallback(
  store: CallbackStore,
  record: Pick<CallbackRecord, 'requestId' | 'version' | 'history'>,
  change: CallbackChange,
): Promise<void> {
  const { requestId, version: expectedVersion } = record;
  const names: Record<string, string> = { '#version': 'version', '#history': 'history' };
  const values: Record<string, unknown> = {
    ':expected': expectedVersion,
    ':next': expectedVersion + 1,
    // The whole history is rewritten: the version check makes it safe, and the cap keeps the item small.
    ':history': appendHistory(record.history, change.history),
  };
  const sets = ['#version = :next', '#history = :history'];
  for (const [index, [key, value]] of Object.entries(change.set ?? {}).entries()) {
    if (value === undefined) continue;
    names[`#s${index}`] = key;
    values[`:s${index}`] = value;
    sets.push(`#s${index} = :s${index}`);
  }
  const removes = (change.remove ?? []).map((key, index) => {
    names[`#r${index}`] = key;
    return `#r${index}`;
  });
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: { requestId },
        UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  } catch (caught) {
    if (isConditionFailure(caught))
      throw new CallbackConflictError(requestId, 'changed meanwhile, try again');
    throw caught;
  }
}
