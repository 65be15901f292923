import { CALL_ITEM_DAYS, type CallOutcome, type CallRecord, expiresAtFor } from '#domain/call-record';
import { isLineOpen, type LineHours } from '#domain/time/line-hours';
import { parisDay, parisHour } from '#domain/time/paris-time';
import type { ContactObservation } from '../../events/schemas/contact-event';
import type { MetricSink } from '../shared/emit-metric';

/**
 * Folding contact events into a call record, as a pure function. Each timestamp keeps its earliest
 * (starts) or latest (ends) value and every derived field is recomputed from those, so the fold is
 * commutative and idempotent: any arrival order and any duplicate give the same record.
 */

export interface FoldContext {
  readonly hours: LineHours;
}

/** The fields contact-events owns and writes; everything else on the item is left alone. */
export const FOLDED_FIELDS = [
  'initiatedAt',
  'day',
  'expiresAt',
  'channel',
  'initiationMethod',
  'enqueuedAt',
  'connectedToAgentAt',
  'disconnectedAt',
  'completedAt',
  'eventTypes',
  'lineOpenTag',
  'lineOpen',
  'outcome',
  'waitSeconds',
  'talkSeconds',
  'metricsEmitted',
] as const satisfies readonly (keyof CallRecord)[];
export type FoldedField = (typeof FOLDED_FIELDS)[number];
export type FoldedCall = { contactId: string } & Partial<Pick<CallRecord, FoldedField>>;

// Instants are normalized `toISOString()` strings, so string order is time order.
const earliest = (...instants: (string | undefined)[]): string | undefined =>
  instants.filter((instant): instant is string => instant !== undefined).sort()[0];
const latest = (...instants: (string | undefined)[]): string | undefined =>
  instants
    .filter((instant): instant is string => instant !== undefined)
    .sort()
    .at(-1);

const secondsBetween = (from: string, to: string): number =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/** Outcome, wait and talk time of a call, derived from its folded timestamps. */
export function deriveCall(
  call: Pick<FoldedCall, 'enqueuedAt' | 'connectedToAgentAt' | 'disconnectedAt' | 'lineOpen'>,
): Pick<FoldedCall, 'outcome' | 'waitSeconds' | 'talkSeconds'> {
  const { enqueuedAt, connectedToAgentAt, disconnectedAt } = call;
  if (disconnectedAt === undefined) {
    return {};
  }
  if (connectedToAgentAt !== undefined) {
    return {
      outcome: 'answered',
      waitSeconds: enqueuedAt === undefined ? undefined : secondsBetween(enqueuedAt, connectedToAgentAt),
      talkSeconds: secondsBetween(connectedToAgentAt, disconnectedAt),
    };
  }
  if (enqueuedAt !== undefined) {
    return { outcome: 'missed_in_queue', waitSeconds: secondsBetween(enqueuedAt, disconnectedAt) };
  }
  // Ended before the queue: out of hours when the line was closed, else the caller hung up in the IVR.
  return { outcome: call.lineOpen === false ? 'out_of_hours' : 'abandoned_in_ivr' };
}

/** Folds one observation into the current record (undefined when the call has no record yet). */
export function foldObservation(
  current: CallRecord | undefined,
  observation: ContactObservation,
  context: FoldContext,
): FoldedCall {
  // The envelope time bounds the start from above, so a record always gets a day and a TTL.
  const initiatedAt = earliest(current?.initiatedAt, observation.initiatedAt, observation.eventTime);
  const disconnectedAt = latest(current?.disconnectedAt, observation.disconnectedAt);
  const completedAt =
    observation.eventType === 'COMPLETED'
      ? earliest(current?.completedAt, observation.eventTime ?? observation.disconnectedAt)
      : current?.completedAt;
  const tags = [current?.lineOpenTag, observation.lineOpenTag].filter((tag) => tag !== undefined);
  const lineOpenTag = tags.length === 0 ? undefined : tags.every(Boolean);
  const lineOpen =
    lineOpenTag ?? (initiatedAt === undefined ? undefined : isLineOpen(initiatedAt, context.hours));
  const timestamps = {
    enqueuedAt: earliest(current?.enqueuedAt, observation.enqueuedAt),
    connectedToAgentAt: earliest(current?.connectedToAgentAt, observation.connectedToAgentAt),
    disconnectedAt,
  };
  const derived = deriveCall({ ...timestamps, lineOpen });
  return {
    contactId: observation.contactId,
    initiatedAt,
    day: initiatedAt === undefined ? undefined : parisDay(initiatedAt),
    expiresAt: initiatedAt === undefined ? undefined : expiresAtFor(initiatedAt, CALL_ITEM_DAYS),
    channel: current?.channel ?? observation.channel,
    initiationMethod: current?.initiationMethod ?? observation.initiationMethod,
    ...timestamps,
    completedAt,
    eventTypes: [...new Set([...(current?.eventTypes ?? []), observation.eventType])].sort(),
    lineOpenTag,
    lineOpen,
    ...derived,
    metricsEmitted: current?.metricsEmitted === true || derived.outcome !== undefined ? true : undefined,
  };
}

/** The folded fields whose value differs between the stored record and the folded one. */
export function changedFields(current: CallRecord | undefined, next: FoldedCall): FoldedField[] {
  return FOLDED_FIELDS.filter(
    (field) => next[field] !== undefined && JSON.stringify(next[field]) !== JSON.stringify(current?.[field]),
  );
}

const OUTCOME_METRIC = {
  answered: 'callsAnswered',
  missed_in_queue: 'callsMissedInQueue',
  abandoned_in_ivr: 'callsAbandonedInIvr',
  out_of_hours: 'callsOutOfHours',
} as const satisfies Record<CallOutcome, string>;

/** Emits the metrics of one ended call: received, its outcome, and its wait and talk time. */
export function emitCallMetrics(call: FoldedCall, metrics: MetricSink): void {
  if (call.outcome === undefined) {
    return;
  }
  metrics.emit('callsReceived', 1);
  const outcomeMetric = OUTCOME_METRIC[call.outcome];
  if (outcomeMetric === 'callsOutOfHours') {
    const hour = call.initiatedAt === undefined ? 'unknown' : String(parisHour(call.initiatedAt));
    metrics.emit(outcomeMetric, 1, { hour });
  } else {
    metrics.emit(outcomeMetric, 1);
  }
  if (call.waitSeconds !== undefined) {
    metrics.emit('waitSeconds', call.waitSeconds);
  }
  if (call.talkSeconds !== undefined) {
    metrics.emit('talkSeconds', call.talkSeconds);
  }
}
