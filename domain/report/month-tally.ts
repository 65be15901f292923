import * as z from 'zod/mini';
import type { CallStatistics } from '../call-statistics';
import { REAL_CALL, STATISTIC_FIELDS } from '../qualification/schema';
import { CallQualificationSchema } from '../qualification/validate';

/**
 * The running counts of a month of calls, fed one statistics item at a time, so the monthly report
 * holds counts and never the month's items: its memory stays flat however many calls the month has.
 * Waits and talks are kept as histograms (value → calls): they are rounded to 10 s and 1 min, so a
 * month has a few hundred distinct values, and the nearest-rank percentile reads the same from them
 * as from the sorted list.
 */

export type Counts = Map<string, number>;

const increment = (counts: Counts, key: string, by = 1) => counts.set(key, (counts.get(key) ?? 0) + by);

/** Nearest-rank percentile of a histogram (value → count), equal to that of its sorted values. */
export function histogramPercentile(histogram: ReadonlyMap<number, number>, p: number): number {
  const total = [...histogram.values()].reduce((sum, count) => sum + count, 0);
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const value of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(value) ?? 0;
    if (seen >= rank) return value;
  }
  return 0;
}

export const histogramSize = (histogram: ReadonlyMap<number, number>): number =>
  [...histogram.values()].reduce((sum, count) => sum + count, 0);

export class MonthTally {
  calls = 0;
  /** Statistics items or qualifications that did not match their schema. */
  unreadable: number;
  readonly outcomes: Counts = new Map();
  readonly hours: Counts = new Map();
  /** Wait of answered and missed calls, seconds → calls. */
  readonly waits = new Map<number, number>();
  /** Talk of answered calls, seconds → calls. */
  readonly talks = new Map<number, number>();
  qualified = 0;
  realCalls = 0;
  readonly callTypes: Counts = new Map();
  /** For real calls: statistic field id → answer → calls (a multi-choice answer counts each choice). */
  readonly fields = new Map<string, Counts>(
    STATISTIC_FIELDS.filter((field) => field.id !== 'callType').map((field) => [field.id, new Map()]),
  );

  constructor(unreadable = 0) {
    this.unreadable = unreadable;
  }

  /** Counts one call. */
  add(call: CallStatistics): void {
    this.calls += 1;
    increment(this.outcomes, call.outcome ?? 'unknown');
    increment(this.hours, String(call.hour));
    if (
      call.waitSeconds !== undefined &&
      (call.outcome === 'answered' || call.outcome === 'missed_in_queue')
    ) {
      this.waits.set(call.waitSeconds, (this.waits.get(call.waitSeconds) ?? 0) + 1);
    }
    if (call.talkSeconds !== undefined && call.outcome === 'answered') {
      this.talks.set(call.talkSeconds, (this.talks.get(call.talkSeconds) ?? 0) + 1);
    }
    if (call.qualification === undefined) return;
    const parsed = z.safeParse(CallQualificationSchema, call.qualification);
    if (!parsed.success) {
      this.unreadable += 1;
      return;
    }
    const qualification = parsed.data as unknown as Record<string, string | readonly string[] | undefined>;
    this.qualified += 1;
    increment(this.callTypes, String(qualification.callType));
    if (qualification.callType !== REAL_CALL) return;
    this.realCalls += 1;
    for (const [fieldId, counts] of this.fields) {
      const value = qualification[fieldId];
      for (const answer of typeof value === 'string' ? [value] : (value ?? [])) increment(counts, answer);
    }
  }
}
