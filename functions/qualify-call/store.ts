import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CallQualification } from '#domain/qualification/validate';

/**
 * Writes the qualification on the call record. One UpdateItem keyed by contactId: a second
 * submission for the same call replaces the first (a correction or a duplicate), so a call never
 * holds two qualifications. The old value tells the caller whether this was the first one.
 */

export interface StoreQualificationInput {
  readonly callsTable: string;
  readonly contactId: string;
  readonly qualification: CallQualification;
  readonly qualifiedAt: string;
  /** Epoch seconds; set only when the record has no expiry yet (call-intake normally sets it). */
  readonly expiresAt: number;
}

/** Stores the qualification; resolves to true when the call had none before. */
export async function storeQualification(
  dynamo: DynamoDBDocumentClient,
  input: StoreQualificationInput,
  abortSignal?: AbortSignal,
): Promise<{ first: boolean }> {
  const result = await dynamo.send(
    new UpdateCommand({
      TableName: input.callsTable,
      Key: { contactId: input.contactId },
      UpdateExpression:
        'SET qualification = :qualification, qualifiedAt = :qualifiedAt, expiresAt = if_not_exists(expiresAt, :expiresAt)',
      ExpressionAttributeValues: {
        ':qualification': input.qualification,
        ':qualifiedAt': input.qualifiedAt,
        ':expiresAt': input.expiresAt,
      },
      ReturnValues: 'UPDATED_OLD',
    }),
    { abortSignal },
  );
  return { first: result.Attributes?.qualification === undefined };
}
