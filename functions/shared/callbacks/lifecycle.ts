import {
  type CallbackOutcome,
  type CallbackPolicy,
  type CallbackRecord,
  closedExpiresAt,
  isAttemptOutcome,
  partnerStatusKey,
} from '#domain/callbacks/record';
import { findPartner } from '#domain/partners';
import type { MetricSink } from '../emit-metric';
import { type Actor, type AuditLog, auditEntry } from './audit-log';
import { type CallbackStore, updateCallback } from './store';

/** What changing a record's lifecycle needs. */
export interface LifecycleDeps {
  readonly store: CallbackStore;
  readonly metrics: MetricSink;
  readonly policy: CallbackPolicy;
  /** The append-only audit: every outcome and withdrawal is written there too. */
  readonly audit: AuditLog;
}

export type { Actor };

/**
 * Closes a request with a final outcome: deletes the encrypted number and code word, sets the TTL
 * from the retention config, and emits CallbacksClosed and CallbackTimeToClose.
 */
export async function closeCallback(
  deps: LifecycleDeps,
  record: CallbackRecord,
  outcome: CallbackOutcome,
  actor: Actor,
  now: Date,
  attempts = record.attempts,
): Promise<CallbackRecord> {
  const { by } = actor;
  const at = now.toISOString();
  const action = outcome === 'withdrawn' ? 'withdrawn' : 'outcome';
  const expiresAt = closedExpiresAt(now, deps.policy.closedCallbacksDays);
  await updateCallback(deps.store, record, {
    set: {
      status: 'closed',
      partnerStatus: partnerStatusKey(record.partnerId, 'closed'),
      attempts,
      outcome,
      closedAt: at,
      expiresAt,
    },
    // The number and code word leave the table with closure; the record itself follows at expiresAt.
    remove: ['encryptedContact'],
    history: [
      { at, action, by, outcome, attempt: attempts },
      { at, action: 'closed', by },
    ],
  });
  await deps.audit.record(auditEntry(record, action, actor, at, { outcome }));
  deps.metrics.emit('callbacksClosed', 1, { partnerId: record.partnerId, outcome });
  deps.metrics.emit(
    'callbackTimeToClose',
    Math.max(0, Math.round((now.getTime() - Date.parse(record.createdAt)) / 1000)),
    { partnerId: record.partnerId },
  );
  const { encryptedContact: _dropped, ...rest } = record;
  return {
    ...rest,
    status: 'closed',
    attempts,
    outcome,
    closedAt: at,
    expiresAt,
    version: record.version + 1,
  };
}

/**
 * Applies a partner's outcome: an attempt (`unreachable`, `messageLeft`) before the last one schedules
 * a retry (a fresh SLA window); any other outcome, or the last attempt, closes the request.
 */
export async function applyOutcome(
  deps: LifecycleDeps,
  record: CallbackRecord,
  outcome: CallbackOutcome,
  actor: Actor,
  now: Date,
): Promise<CallbackRecord> {
  const { by } = actor;
  const partner = findPartner(deps.policy.partners, record.partnerId);
  const attempt = isAttemptOutcome(outcome);
  const attempts = attempt ? record.attempts + 1 : record.attempts;
  if (!attempt || attempts >= partner.maxAttempts) {
    return closeCallback(deps, record, outcome, actor, now, attempts);
  }
  const dueBy = new Date(now.getTime() + partner.slaHours * 3_600_000).toISOString();
  await updateCallback(deps.store, record, {
    set: { status: 'retry', partnerStatus: partnerStatusKey(record.partnerId, 'retry'), attempts, dueBy },
    remove: ['claimedBy'],
    history: [{ at: now.toISOString(), action: 'outcome', by, outcome, attempt: attempts }],
  });
  await deps.audit.record(auditEntry(record, 'outcome', actor, now.toISOString(), { outcome }));
  const { claimedBy: _released, ...rest } = record;
  return { ...rest, status: 'retry', attempts, dueBy, version: record.version + 1 };
}
