import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CallQualification } from '#domain/qualification/validate';

/**
 * Writes the qualification on the call record. One UpdateItem keyed by contactId: a second
 * submission for the same call replaces the first (a correction or a duplicate), so a call never
 * holds two qualifications. The old value tells the caller whether this was the first one. Once the
 * call's statistics have moved out (functions/shared/move-statistics.ts) the item takes no
 * qualification any more: the write is refused and reported as `alreadyMoved`.
 */

export interface StoreQualificationInput {
  readonly callsTable: string;
  readonly contactId: string;
  readonly qualification: CallQualification;
  readonly qualifiedAt: string;
  /** Epoch seconds; set only when the record has no expiry yet (call-intake normally sets it). */
  readonly expiresAt: number;
}

/** Stores the qualification; `first` when the call had none before, `alreadyMoved` when refused. */
export async function storeQualification(
  dynamo: Pick<DynamoDBDocumentClient, 'send'>,
  input: StoreQualificationInput,
  abortSignal?: AbortSignal,
): Promise<{ first: boolean; alreadyMoved: boolean }> {
  try {
    const result = await dynamo.send(
      new UpdateCommand({
        TableName: input.callsTable,
        Key: { contactId: input.contactId },
        // The revision bump makes a concurrent contact-events write re-read, and so see the qualification.
        UpdateExpression:
          'SET qualification = :qualification, qualifiedAt = :qualifiedAt, expiresAt = if_not_exists(expiresAt, :expiresAt) ADD revision :one',
        ConditionExpression: 'attribute_not_exists(statisticsMovedAt)',
        ExpressionAttributeValues: {
          ':qualification': input.qualification,
          ':qualifiedAt': input.qualifiedAt,
          ':expiresAt': input.expiresAt,
          ':one': 1,
        },
        ReturnValues: 'UPDATED_OLD',
      }),
      { abortSignal },
    );
    return { first: result.Attributes?.qualification === undefined, alreadyMoved: false };
  } catch (error) {
    if ((error as { name?: unknown }).name === 'ConditionalCheckFailedException') {
      return { first: false, alreadyMoved: true };
    }
    throw error;
  }
}
