import * as z from 'zod/mini';

/**
 * The `calls` record: one item per inbound contact, keyed by `contactId`, kept only while the call is
 * in progress. Once the call has ended and is qualified (or at the latest {@link MOVE_AFTER_DAYS} days
 * after it started) its statistics move to the `statistics` table under a random id
 * (domain/call-statistics.ts) and this item loses its qualification and expires within days: Connect
 * keeps the calling number with the contactId, so nothing keyed by contactId may hold a qualification
 * for long. It holds timestamps and anonymous facts only; never a phone number nor a key derived from it.
 * Other features add their own fields (the qualification); parsing keeps fields it does not know.
 */

/** An unqualified call's statistics move at the latest this many days after it started (the sweep). */
export const MOVE_AFTER_DAYS = 7;
/**
 * A call item expires this long after the call started, moved or not: long enough for the daily sweep
 * to retry for a week, short enough that a forgotten item never outlives a fortnight.
 */
export const CALL_ITEM_DAYS = 14;
/**
 * A moved item expires this long after the move. Longer than EventBridge's 24-hour retry window, so a
 * late duplicate event finds the moved marker instead of recreating the call (and counting it twice).
 */
export const MOVED_ITEM_DAYS = 2;

/** How a call ended, as the dashboard and the monthly report count it. */
export const CALL_OUTCOMES = ['answered', 'missed_in_queue', 'abandoned_in_ivr', 'out_of_hours'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

const isoInstant = z.iso.datetime({ offset: false });
const parisDay = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const seconds = z.number().check(z.gte(0));

export const CallRecordSchema = z.looseObject({
  /** Partition key: the Connect ContactId. */
  contactId: z.string().check(z.minLength(1)),
  /** GSI `byDay` partition: Europe/Paris date of `initiatedAt`. */
  day: z.optional(parisDay),
  /** GSI `byDay` sort key: the earliest known start of the call (Connect's initiation timestamp). */
  initiatedAt: z.optional(isoInstant),
  /** TTL (epoch seconds): `initiatedAt` plus {@link CALL_ITEM_DAYS}, then the move plus {@link MOVED_ITEM_DAYS}. */
  expiresAt: z.optional(z.number()),
  /** Upper case, `VOICE` for calls. */
  channel: z.optional(z.string()),
  initiationMethod: z.optional(z.string()),
  /** When call-intake recorded the call from the main flow. */
  intakeAt: z.optional(isoInstant),
  /** Timestamps folded from contact events (earliest for starts, latest for ends). */
  enqueuedAt: z.optional(isoInstant),
  connectedToAgentAt: z.optional(isoInstant),
  disconnectedAt: z.optional(isoInstant),
  completedAt: z.optional(isoInstant),
  /** Tracked contact event types seen, sorted: which parts of the call were observed. */
  eventTypes: z.optional(z.array(z.string())),
  /** The flow's `lineOpen` contact tag, when it set one; `false` wins if tags disagree. */
  lineOpenTag: z.optional(z.boolean()),
  /** Whether the line was open when the call started (tag, else configured hours and holidays). */
  lineOpen: z.optional(z.boolean()),
  /** Derived once the call has ended (a disconnect is known). */
  outcome: z.optional(z.enum(CALL_OUTCOMES)),
  waitSeconds: z.optional(seconds),
  talkSeconds: z.optional(seconds),
  /** Set in the same conditional write that first derived the outcome: call metrics go out once. */
  metricsEmitted: z.optional(z.boolean()),
  /** Set, with the qualification removed, in the transaction that moved the statistics out. */
  statisticsMovedAt: z.optional(isoInstant),
  /** Optimistic-concurrency counter, bumped by every writer. Bookkeeping, not a fact about the call. */
  revision: z.optional(z.number()),
});

export type CallRecord = z.output<typeof CallRecordSchema>;

/** Raised when a stored item does not match {@link CallRecordSchema}. */
export class CallRecordShapeError extends Error {
  constructor(
    readonly contactId: string,
    readonly fields: readonly string[],
  ) {
    super(`calls record ${contactId} does not match its schema (${fields.join(', ')})`);
    this.name = 'CallRecordShapeError';
  }
}

/** Validates an item read from the calls table. */
export function parseCallRecord(item: unknown): CallRecord {
  const parsed = CallRecordSchema.safeParse(item);
  if (!parsed.success) {
    const contactId =
      typeof item === 'object' && item !== null && 'contactId' in item ? String(item.contactId) : '(unknown)';
    throw new CallRecordShapeError(
      contactId,
      parsed.error.issues.map((issue) => issue.path.map(String).join('.') || '(root)'),
    );
  }
  return parsed.data;
}

const SECONDS_PER_DAY = 86_400;

/** TTL `retentionDays` after `initiatedAt`, in epoch seconds (a call item uses {@link CALL_ITEM_DAYS}). */
export function expiresAtFor(initiatedAt: string, retentionDays: number): number {
  return Math.floor(Date.parse(initiatedAt) / 1000) + retentionDays * SECONDS_PER_DAY;
}
