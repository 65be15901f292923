import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type AuditAction, type AuditEntry, auditExpiresAt } from '#domain/callbacks/audit';
import type { PartnerId } from '#domain/partners';

/** Where audit entries go; the functions hold a port so tests can record entries in memory. */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
}

/** Who made a change, and from where (the partner API passes the source IP). */
export interface Actor {
  readonly by: string;
  readonly sourceIp?: string;
}

/** The entry for `action` on `record` by `actor` at `at`, with any details the action carries. */
export function auditEntry(
  record: { readonly requestId: string; readonly partnerId: PartnerId },
  action: AuditAction,
  actor: Actor,
  at: string,
  details: Pick<AuditEntry, 'outcome' | 'override'> = {},
): AuditEntry {
  return {
    requestId: record.requestId,
    partnerId: record.partnerId,
    action,
    by: actor.by,
    at,
    ...(actor.sourceIp === undefined ? {} : { sourceIp: actor.sourceIp }),
    ...details,
  };
}

/** An audit entry's key already exists: the table never lets an entry be overwritten. */
export class AuditOverwriteError extends Error {
  override readonly name = 'AuditOverwriteError';
  constructor(readonly requestId: string) {
    super(`Audit entry of ${requestId} already exists; audit entries are never overwritten`);
  }
}

const isConditionFailure = (caught: unknown): boolean =>
  caught instanceof Error && caught.name === 'ConditionalCheckFailedException';

/**
 * Writes one entry with PutItem on a fresh key (`at#uuid`), refusing any overwrite with
 * `attribute_not_exists`: writers are granted PutItem and nothing else, so entries are append-only.
 */
export async function putAuditEntry(
  doc: DynamoDBDocumentClient,
  tableName: string,
  entry: AuditEntry,
  entryId = `${entry.at}#${randomUUID()}`,
): Promise<void> {
  try {
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...entry, entryId, expiresAt: auditExpiresAt(new Date(entry.at)) },
        ConditionExpression: 'attribute_not_exists(entryId)',
      }),
    );
  } catch (caught) {
    if (isConditionFailure(caught)) throw new AuditOverwriteError(entry.requestId);
    throw caught;
  }
}

/** The audit log on the `audit` table. */
export function dynamoAuditLog(doc: DynamoDBDocumentClient, tableName: string): AuditLog {
  return { record: (entry) => putAuditEntry(doc, tableName, entry) };
}
