import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CallbackStore } from './store';

/*
 * A withdrawal remembered. The callback queue does not keep order, so a listener's withdrawal can reach
 * dispatch-callback before the request it withdraws; without a trace, that request would then be
 * stored and sent to the association. The tombstone is one item per call in the callbacks table, keyed
 * apart from any requestId (`withdrawal#<contactId>`, never a ULID or UUID, so the partner API never
 * reads it, and with no partnerStatus, so no list shows it). It holds the latest withdrawal's submission:
 * a request submitted before it is withdrawn on arrival.
 */

/** Outlives any request it can meet: 4 days in the queue, 14 in the DLQ, then a redrive. */
export const TOMBSTONE_DAYS = 21;

const keyOf = (contactId: string) => ({ requestId: `withdrawal#${contactId}` });

/** Records that every request of the call submitted before `submission` is withdrawn. Idempotent. */
export async function recordWithdrawal(
  store: CallbackStore,
  contactId: string,
  submission: number,
  now: Date,
): Promise<void> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keyOf(contactId),
        UpdateExpression: 'SET withdrawnBefore = :submission, expiresAt = :expiresAt',
        // Only forward: an older withdrawal arriving late never shortens a newer one.
        ConditionExpression: 'attribute_not_exists(withdrawnBefore) OR withdrawnBefore < :submission',
        ExpressionAttributeValues: {
          ':submission': submission,
          ':expiresAt': Math.floor(now.getTime() / 1000) + TOMBSTONE_DAYS * 86_400,
        },
      }),
    );
  } catch (caught) {
    const stale =
      caught instanceof ConditionalCheckFailedException ||
      (caught instanceof Error && caught.name === 'ConditionalCheckFailedException');
    if (!stale) throw caught;
  }
}

/** True when a withdrawal of the call came after the submission (read consistently). */
export async function isWithdrawnSubmission(
  store: CallbackStore,
  contactId: string,
  submission: number,
): Promise<boolean> {
  const found = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keyOf(contactId), ConsistentRead: true }),
  );
  const withdrawnBefore = found.Item?.withdrawnBefore;
  return typeof withdrawnBefore === 'number' && submission < withdrawnBefore;
}
