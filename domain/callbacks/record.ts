import * as z from 'zod/mini';
import type { PartnerPolicy } from '../partners';
import { languageNote } from '../texts/partner-messages';
import { IsoInstantSchema, PartnerIdSchema, SafeWindowSchema } from './request';
import type { SafeWindow } from './safe-windows';

/*
 * The callback record in the `callbacks` table (pk requestId; GSI byPartnerStatus on
 * `${partnerId}#${status}` sorted by dueBy; TTL `expiresAt`: a backstop from creation, reset at closure).
 * The one definition of its shape: the schema, which every read parses; the types follow from it.
 * Parsing keeps fields it does not know, as the table gains fields over time.
 */

export const OPEN_STATUSES = ['pending', 'claimed', 'retry'] as const;
export type OpenStatus = (typeof OPEN_STATUSES)[number];
export const CALLBACK_STATUSES = [...OPEN_STATUSES, 'closed'] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];

/**
 * Outcomes an association reports through the partner API. `unreachable` (no answer) and
 * `messageLeft` (no answer, a message left, only where the person allowed it) are attempts; the
 * others close the request. `wrongNumber`: the number does not reach the person.
 */
export const PARTNER_OUTCOMES = [
  'reached',
  'unreachable',
  'messageLeft',
  'wrongNumber',
  'declined',
  'unsafe',
] as const;
export type PartnerOutcome = (typeof PARTNER_OUTCOMES)[number];

/** Outcomes that count an attempt and leave the request open until the partner's last attempt. */
export const ATTEMPT_OUTCOMES = ['unreachable', 'messageLeft'] as const;

export const isAttemptOutcome = (outcome: string): boolean =>
  (ATTEMPT_OUTCOMES as readonly string[]).includes(outcome);
/**
 * Every way a request ends: an association's outcome, `withdrawn` by the line (partner changed, or no
 * longer safe), `expired` when nobody tried before its last window passed.
 */
export const OUTCOMES = [...PARTNER_OUTCOMES, 'withdrawn', 'expired'] as const;
export type CallbackOutcome = (typeof OUTCOMES)[number];

export const HISTORY_ACTIONS = [
  'created',
  'notified',
  'opened',
  'claimed',
  'outcome',
  'renotified',
  'closed',
  'amended',
  'withdrawn',
] as const;

/** A record keeps its last entries only, so it never grows toward DynamoDB's 400 KB item limit; the full trail is in the audit table. */
export const HISTORY_LIMIT = 20;

/** The history with `entries` appended, keeping the last {@link HISTORY_LIMIT}. */
export function appendHistory(
  history: readonly HistoryEntry[],
  entries: readonly HistoryEntry[],
): HistoryEntry[] {
  return [...history, ...entries].slice(-HISTORY_LIMIT);
}

const count = z.int().check(z.gte(0));

/** One line of a record's history; `by` is a partner user (sub and username) or a function name. */
export const HistoryEntrySchema = z.looseObject({
  at: IsoInstantSchema,
  action: z.enum(HISTORY_ACTIONS),
  by: z.optional(z.string()),
  outcome: z.optional(z.enum(OUTCOMES)),
  attempt: z.optional(count),
  /** On `opened`: the number was opened outside the caller's safe windows. */
  outsideSafeWindows: z.optional(z.boolean()),
  /** On `opened`: the safe-contact rules were overridden, with a reason kept in the audit table only. */
  override: z.optional(z.boolean()),
  /** On `created` and `amended`: the form submission applied. */
  submission: z.optional(count),
});

export const CallbackRecordSchema = z.looseObject({
  requestId: z.string().check(z.minLength(1)),
  contactId: z.string().check(z.minLength(1)),
  partnerId: PartnerIdSchema,
  status: z.enum(CALLBACK_STATUSES),
  /** GSI key, `${partnerId}#${status}`. */
  partnerStatus: z.string(),
  createdAt: IsoInstantSchema,
  /** Due date of the current window (the SLA, then each retry or re-notification). */
  dueBy: IsoInstantSchema,
  /** Due date from the partner SLA at creation, kept for reporting. */
  slaDueBy: IsoInstantSchema,
  safeToCall: z.boolean(),
  mayLeaveMessage: z.boolean(),
  safeWindows: z.array(SafeWindowSchema),
  language: z.string(),
  hasCodeWord: z.boolean(),
  /** ESDK message (base64) holding the number and code word; removed at closure. */
  encryptedContact: z.optional(z.string()),
  /** Call attempts recorded as `unreachable`. */
  attempts: count,
  /** Re-notifications by callback-watch for overdue windows. */
  renotifications: count,
  claimedBy: z.optional(z.string()),
  notifiedAt: z.optional(IsoInstantSchema),
  outcome: z.optional(z.enum(OUTCOMES)),
  closedAt: z.optional(IsoInstantSchema),
  /** Epoch seconds; the table TTL deletes the record then (a backstop from creation, reset at closure). */
  expiresAt: z.optional(z.number()),
  /** The listener's submission the record reflects (epoch ms); a later one amends it while pending. */
  submission: z.optional(count),
  /** Optimistic lock: every update checks and increments it. */
  version: count,
  history: z.array(HistoryEntrySchema),
});

/** The fields a schema declares, read-only, without the index signature of the unknown ones it keeps. */
type DeclaredFields<T> = { readonly [K in keyof T as string extends K ? never : K]: T[K] };

export type HistoryEntry = DeclaredFields<z.output<typeof HistoryEntrySchema>>;
export type CallbackRecord = DeclaredFields<z.output<typeof CallbackRecordSchema>>;

/** Raised when a stored item does not match {@link CallbackRecordSchema}; names fields, never values. */
export class CallbackRecordShapeError extends Error {
  override readonly name = 'CallbackRecordShapeError';
  constructor(
    readonly requestId: string,
    readonly fields: readonly string[],
  ) {
    super(`callbacks record ${requestId} does not match its schema (${fields.join(', ')})`);
  }
}

/** Validates an item read from the callbacks table. */
export function parseCallbackRecord(item: unknown): CallbackRecord {
  const parsed = z.safeParse(CallbackRecordSchema, item);
  if (parsed.success) return parsed.data;
  const requestId =
    typeof item === 'object' && item !== null && 'requestId' in item && typeof item.requestId === 'string'
      ? item.requestId
      : '(unknown)';
  throw new CallbackRecordShapeError(requestId, [
    ...new Set(parsed.error.issues.map((issue) => issue.path.map(String).join('.') || '(root)')),
  ]);
}

export const partnerStatusKey = (partnerId: string, status: CallbackStatus): string =>
  `${partnerId}#${status}`;

/** The record as a partner list shows it: no number, no code word, no history. */
export interface CallbackSummary {
  readonly requestId: string;
  readonly status: CallbackStatus;
  readonly createdAt: string;
  readonly dueBy: string;
  readonly overdue: boolean;
  readonly safeToCall: boolean;
  readonly mayLeaveMessage: boolean;
  readonly safeWindows: readonly SafeWindow[];
  readonly language: string;
  /** The partner-messages language note, when the caller chose another language than French. */
  readonly languageNote?: string;
  readonly attempts: number;
  readonly claimedBy?: string;
}

function withLanguageNote(language: string): { languageNote?: string } {
  const note = languageNote(language);
  return note === undefined ? {} : { languageNote: note };
}

export function summarize(record: CallbackRecord, now: Date): CallbackSummary {
  return {
    requestId: record.requestId,
    status: record.status,
    createdAt: record.createdAt,
    dueBy: record.dueBy,
    overdue: record.dueBy < now.toISOString(),
    safeToCall: record.safeToCall,
    mayLeaveMessage: record.mayLeaveMessage,
    safeWindows: record.safeWindows,
    language: record.language,
    ...withLanguageNote(record.language),
    attempts: record.attempts,
    ...(record.claimedBy === undefined ? {} : { claimedBy: record.claimedBy }),
  };
}

/** What the callback lifecycle needs of a stage: the partners' service levels and the retention. */
export interface CallbackPolicy {
  readonly partners: readonly PartnerPolicy[];
  /** Days a closed record is kept before the table TTL deletes it. */
  readonly closedCallbacksDays: number;
}

/**
 * Epoch seconds of the backstop TTL set at creation: every window the partner may take
 * (SLA × maxAttempts), then the retention of a closed record. So a request nobody closes still
 * leaves the table, number included, once it can no longer serve its purpose.
 */
export function backstopExpiresAt(
  createdAt: Date,
  partner: Pick<PartnerPolicy, 'slaHours' | 'maxAttempts'>,
  closedCallbacksDays: number,
): number {
  const windowsSeconds = partner.slaHours * partner.maxAttempts * 3_600;
  return Math.floor(createdAt.getTime() / 1000) + windowsSeconds + closedCallbacksDays * 86_400;
}

/** True while a partner has neither claimed nor opened the request: a correction may still change it. */
export function isAmendable(record: CallbackRecord): boolean {
  return record.status === 'pending' && !record.history.some((entry) => entry.action === 'opened');
}

/** Epoch seconds at which a closed callback record is deleted by the table TTL. */
export function closedExpiresAt(closedAt: Date, closedCallbacksDays: number): number {
  return Math.floor(closedAt.getTime() / 1000) + closedCallbacksDays * 86_400;
}
