import type { PartnerId, PartnerPolicy } from '../partners';
import type { SafeWindow } from './safe-windows';

/*
 * The callback record in the `callbacks` table (pk requestId; GSI byPartnerStatus on
 * `${partnerId}#${status}` sorted by dueBy; TTL `expiresAt`, set only at closure).
 */

export const OPEN_STATUSES = ['pending', 'claimed', 'retry'] as const;
export type OpenStatus = (typeof OPEN_STATUSES)[number];
export type CallbackStatus = OpenStatus | 'closed';

export const OUTCOMES = ['reached', 'unreachable', 'declined', 'unsafe'] as const;
export type CallbackOutcome = (typeof OUTCOMES)[number];

/** One line of a record's history; `by` is a partner user (sub and username) or a function name. */
export interface HistoryEntry {
  readonly at: string;
  readonly action: 'created' | 'notified' | 'opened' | 'claimed' | 'outcome' | 'renotified' | 'closed';
  readonly by?: string;
  readonly outcome?: CallbackOutcome;
  readonly attempt?: number;
  /** On `opened`: the number was opened outside the caller's safe windows. */
  readonly outsideSafeWindows?: boolean;
}

export interface CallbackRecord {
  readonly requestId: string;
  readonly contactId: string;
  readonly partnerId: PartnerId;
  readonly status: CallbackStatus;
  /** GSI key, `${partnerId}#${status}`. */
  readonly partnerStatus: string;
  readonly createdAt: string;
  /** Due date of the current window (the SLA, then each retry or re-notification). */
  readonly dueBy: string;
  /** Due date from the partner SLA at creation, kept for reporting. */
  readonly slaDueBy: string;
  readonly safeToCall: boolean;
  readonly mayLeaveMessage: boolean;
  readonly safeWindows: readonly SafeWindow[];
  readonly language: string;
  readonly hasCodeWord: boolean;
  /** ESDK message (base64) holding the number and code word; removed at closure. */
  readonly encryptedContact?: string;
  /** Call attempts recorded as `unreachable`. */
  readonly attempts: number;
  /** Re-notifications by callback-watch for overdue windows. */
  readonly renotifications: number;
  readonly claimedBy?: string;
  readonly notifiedAt?: string;
  readonly outcome?: CallbackOutcome;
  readonly closedAt?: string;
  /** Epoch seconds; the table TTL deletes the record then. */
  readonly expiresAt?: number;
  /** Optimistic lock: every update checks and increments it. */
  readonly version: number;
  readonly history: readonly HistoryEntry[];
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
  readonly attempts: number;
  readonly claimedBy?: string;
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

/** Epoch seconds at which a closed callback record is deleted by the table TTL. */
export function closedExpiresAt(closedAt: Date, closedCallbacksDays: number): number {
  return Math.floor(closedAt.getTime() / 1000) + closedCallbacksDays * 86_400;
}
