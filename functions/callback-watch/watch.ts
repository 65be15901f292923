import type { Logger } from '@aws-lambda-powertools/logger';
import type { CallbackPolicy, CallbackRecord } from '#domain/callbacks/record';
import type { AuditLog } from '../shared/callbacks/audit-log';
import { closeCallback } from '../shared/callbacks/lifecycle';
import type { CallbackNotifier } from '../shared/callbacks/notifier';
import { type CallbackStore, listOpenCallbacks, updateCallback } from '../shared/callbacks/store';
import type { MetricSink } from '../shared/emit-metric';
import { asError } from '../shared/env';

export interface WatchDeps {
  readonly store: CallbackStore;
  readonly notifier: CallbackNotifier;
  readonly logger: Logger;
  readonly metrics: MetricSink;
  readonly now?: () => Date;
  readonly policy: CallbackPolicy;
  readonly audit: AuditLog;
}

export interface WatchSummary {
  readonly open: Readonly<Record<string, number>>;
  readonly overdue: Readonly<Record<string, number>>;
  readonly renotified: number;
  readonly expired: number;
  readonly failed: number;
}

/** Some overdue requests could not be handled; the rest were. Carries ids only. */
export class WatchIncompleteError extends Error {
  override readonly name = 'WatchIncompleteError';
  constructor(readonly requestIds: readonly string[]) {
    super(
      `callback-watch could not handle ${requestIds.length} overdue request(s): ${requestIds.join(', ')}`,
    );
  }
}

const WATCH = 'callback-watch';

/**
 * One watch run: counts open and overdue requests per partner (CallbacksOpen, CallbacksOverdue),
 * re-notifies each overdue request with a fresh SLA window, and closes it once its missed windows and
 * unreachable attempts reach the partner's maxAttempts, so none stays open forever: as `unreachable`
 * when someone tried to call, as `expired` when nobody did.
 * @throws WatchIncompleteError after handling everything else, when some requests failed.
 */
export async function watchCallbacks(deps: WatchDeps): Promise<WatchSummary> {
  const now = (deps.now ?? (() => new Date()))();
  const open: Record<string, number> = {};
  const overdue: Record<string, number> = {};
  const failedIds: string[] = [];
  let renotified = 0;
  let expired = 0;

  for (const partner of deps.policy.partners) {
    const records = await listOpenCallbacks(deps.store, partner.id);
    const late = records.filter((record) => record.dueBy < now.toISOString());
    open[partner.id] = records.length;
    overdue[partner.id] = late.length;
    deps.metrics.emit('callbacksOpen', records.length, { partnerId: partner.id });
    deps.metrics.emit('callbacksOverdue', late.length, { partnerId: partner.id });

    for (const record of late) {
      try {
        if ((await handleOverdue(deps, record, partner.maxAttempts, partner.slaHours, now)) === 'expired') {
          expired += 1;
        } else renotified += 1;
      } catch (caught) {
        failedIds.push(record.requestId);
        deps.logger.error('Overdue callback not handled', {
          requestId: record.requestId,
          errorName: asError(caught).name,
        });
      }
    }
  }
  const summary = { open, overdue, renotified, expired, failed: failedIds.length };
  deps.logger.info('Callback watch done', { ...summary });
  if (failedIds.length > 0) throw new WatchIncompleteError(failedIds);
  return summary;
}

async function handleOverdue(
  deps: WatchDeps,
  record: CallbackRecord,
  maxAttempts: number,
  slaHours: number,
  now: Date,
): Promise<'expired' | 'renotified'> {
  const missedWindows = record.renotifications + 1;
  if (record.attempts + missedWindows >= maxAttempts) {
    // Nobody tried: saying `unreachable` would claim calls that never happened.
    const outcome = record.attempts > 0 ? 'unreachable' : 'expired';
    await closeCallback(deps, record, outcome, { by: WATCH }, now);
    deps.logger.warn('Overdue callback closed after its last window', {
      requestId: record.requestId,
      partnerId: record.partnerId,
      outcome,
    });
    return 'expired';
  }
  const dueBy = new Date(now.getTime() + slaHours * 3_600_000).toISOString();
  const sequence = record.renotifications + 1;
  // Notify first: a lost update only repeats the reminder at the next run (Connect dedups line tasks).
  await deps.notifier.notify({
    requestId: record.requestId,
    partnerId: record.partnerId,
    dueBy,
    kind: 'overdue',
    sequence,
  });
  await updateCallback(deps.store, record, {
    set: { dueBy, renotifications: sequence },
    history: [{ at: now.toISOString(), action: 'renotified', by: WATCH, attempt: sequence }],
  });
  return 'renotified';
}
