import * as z from 'zod/mini';
import { CALL_OUTCOMES, type CallOutcome, type CallRecord } from './call-record';
import { parisDay, parisHour } from './time/paris-time';

/**
 * The `statistics` item: what the monthly report needs of one call, under a random id, with nothing
 * that leads back to the Connect contact. No contactId, no exact instant (Paris day and hour only),
 * durations rounded, and a TTL counted from the day so that it does not carry the start time either.
 * Connect keeps the calling number with the contactId for 24 months: this item must not be joinable
 * to it by key or by timestamp.
 */

/** Wait times are kept to the nearest this many seconds: enough for percentiles, too coarse to match. */
export const WAIT_ROUNDING_SECONDS = 10;
/** Talk times are kept to the nearest minute. */
export const TALK_ROUNDING_SECONDS = 60;

const SECONDS_PER_DAY = 86_400;
const parisDayText = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const seconds = z.number().check(z.gte(0));

/** The one definition of a statistics item; strict, so no other field (a contactId) can slip in. */
export const CallStatisticsSchema = z.strictObject({
  /** Partition key: a random UUID, drawn at the move. */
  statId: z.string().check(z.minLength(1)),
  /** GSI `byDay` partition: the Europe/Paris date the call started. */
  day: parisDayText,
  /** Europe/Paris hour the call started (0–23). */
  hour: z.int().check(z.gte(0), z.lte(23)),
  /** TTL (epoch seconds): the day's midnight UTC plus the stage's calls retention. */
  expiresAt: z.number(),
  outcome: z.optional(z.enum(CALL_OUTCOMES)),
  /** Rounded to {@link WAIT_ROUNDING_SECONDS}. */
  waitSeconds: z.optional(seconds),
  /** Rounded to {@link TALK_ROUNDING_SECONDS}. */
  talkSeconds: z.optional(seconds),
  /** The listener's anonymous qualification, as stored; the report parses it (and counts the unreadable). */
  qualification: z.optional(z.unknown()),
});

export type CallStatistics = z.output<typeof CallStatisticsSchema>;

/** The attributes a statistics item may have: tests check nothing else is ever written. */
export const STATISTICS_ATTRIBUTES = Object.keys(CallStatisticsSchema.shape) as (keyof CallStatistics)[];

const roundTo = (value: number | undefined, step: number): number | undefined =>
  value === undefined ? undefined : Math.round(value / step) * step;

/** TTL of a statistics item: `retentionDays` after the start of its Paris day (no time of day). */
export function statisticsExpiresAt(day: string, retentionDays: number): number {
  return Date.parse(`${day}T00:00:00.000Z`) / 1000 + (retentionDays + 1) * SECONDS_PER_DAY;
}

/** Raised when a call cannot be placed in a day and hour: it has no known start. */
export class CallWithoutStartError extends Error {
  constructor(readonly contactId: string) {
    super(`call ${contactId} has no start time; its statistics cannot be dated`);
    this.name = 'CallWithoutStartError';
  }
}

/**
 * The statistics item of a call record. `qualification` is copied as stored; everything that could
 * identify the contact (contactId, instants, revision, event list) is left behind.
 * @throws CallWithoutStartError when the record has no `initiatedAt`.
 */
export function statisticsOf(
  call: CallRecord,
  options: { readonly statId: string; readonly retentionDays: number },
): CallStatistics {
  if (call.initiatedAt === undefined) throw new CallWithoutStartError(call.contactId);
  const day = parisDay(call.initiatedAt);
  const outcome: CallOutcome | undefined = call.outcome;
  const qualification = (call as Record<string, unknown>).qualification;
  const item: CallStatistics = {
    statId: options.statId,
    day,
    hour: parisHour(call.initiatedAt),
    expiresAt: statisticsExpiresAt(day, options.retentionDays),
    outcome,
    waitSeconds: roundTo(call.waitSeconds, WAIT_ROUNDING_SECONDS),
    talkSeconds: roundTo(call.talkSeconds, TALK_ROUNDING_SECONDS),
    qualification,
  };
  // Absent rather than undefined, so the stored item carries only what is known.
  return Object.fromEntries(
    Object.entries(item).filter(([, value]) => value !== undefined),
  ) as CallStatistics;
}
