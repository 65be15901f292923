import type { PartnerId } from '../partners';
import type { CallbackOutcome } from './record';

/*
 * The append-only audit of callback requests, in the `audit` table (pk requestId, sk entryId; TTL
 * expiresAt). Each access to a number and each change of its fate is one entry, never overwritten.
 * The callback record keeps only its last history entries; this is the complete trail.
 */

/** What is audited: a number opened, a request claimed, an outcome recorded, a request withdrawn. */
export const AUDIT_ACTIONS = ['opened', 'claimed', 'outcome', 'withdrawn'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Audit entries are kept 12 months, then the table TTL deletes them. */
export const AUDIT_RETENTION_DAYS = 365;

/** Longest override reason a partner may give; the reason is stored in the audit only, never logged. */
export const OVERRIDE_REASON_MAX_LENGTH = 500;

/** One audit entry: who, what, when, from where. */
export interface AuditEntry {
  readonly requestId: string;
  readonly partnerId: PartnerId;
  readonly action: AuditAction;
  /** A partner user (`partnerId/username`) or a function name. */
  readonly by: string;
  readonly at: string;
  /** API Gateway's `requestContext.http.sourceIp`, for requests from the partner API. */
  readonly sourceIp?: string;
  readonly outcome?: CallbackOutcome;
  /** On `opened`: the number was opened although not safe to call or outside the safe windows. */
  readonly override?: { readonly reason: string; readonly refusedBecause: readonly string[] };
}

/** Epoch seconds at which an entry written at `at` is deleted. */
export function auditExpiresAt(at: Date): number {
  return Math.floor(at.getTime() / 1000) + AUDIT_RETENTION_DAYS * 86_400;
}
