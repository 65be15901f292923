import {
  type CallbackOutcome,
  type CallbackPolicy,
  type CallbackRecord,
  closedExpiresAt,
  partnerStatusKey,
} from '#domain/callbacks/record';
import { findPartner } from '#domain/partners';
import type { MetricSink } from '../emit-metric';
import { type CallbackStore, updateCallback } from './store';

/** What changing a record's lifecycle needs. */
export interface LifecycleDeps {
  readonly store: CallbackStore;
  readonly metrics: MetricSink;
  readonly policy: CallbackPolicy;
}

/**
 * Closes a request with a final outcome: deletes the encrypted number and code word, sets the TTL
 * from the retention config, and emits CallbacksClosed and CallbackTimeToClose.
 */
export async function closeCallback(
  deps: LifecycleDeps,
  record: CallbackRecord,
  outcome: CallbackOutcome,
  by: string,
  now: Date,
  attempts = record.attempts,
): Promise<CallbackRecord> {
  const at = now.toISOString();
  const expiresAt = closedExpiresAt(now, deps.policy.closedCallbacksDays);
  await updateCallback(deps.store, record.requestId, record.version, {
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
      { at, action: 'outcome', by, outcome, attempt: attempts },
      { at, action: 'closed', by },
    ],
  });
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
 * Applies a partner's outcome: `unreachable` before the last attempt schedules a retry (a fresh SLA
 * window); any other outcome, or the last attempt, closes the request.
 */
export async function applyOutcome(
  deps: LifecycleDeps,
  record: CallbackRecord,
  outcome: CallbackOutcome,
  by: string,
  now: Date,
): Promise<CallbackRecord> {
  const partner = findPartner(deps.policy.partners, record.partnerId);
  const attempts = outcome === 'unreachable' ? record.attempts + 1 : record.attempts;
  if (outcome !== 'unreachable' || attempts >= partner.maxAttempts) {
    return closeCallback(deps, record, outcome, by, now, attempts);
  }
  const dueBy = new Date(now.getTime() + partner.slaHours * 3_600_000).toISOString();
  await updateCallback(deps.store, record.requestId, record.version, {
    set: { status: 'retry', partnerStatus: partnerStatusKey(record.partnerId, 'retry'), attempts, dueBy },
    remove: ['claimedBy'],
    history: [{ at: now.toISOString(), action: 'outcome', by, outcome, attempt: attempts }],
  });
  const { claimedBy: _released, ...rest } = record;
  return { ...rest, status: 'retry', attempts, dueBy, version: record.version + 1 };
}
