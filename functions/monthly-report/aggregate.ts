import * as z from 'zod/mini';
import type { CallOutcome } from '#domain/call-record';
import type { CallStatistics } from '#domain/call-statistics';
import { CALL_TYPES, type FieldOption, REAL_CALL, STATISTIC_FIELDS } from '#domain/qualification/schema';
import { type CallQualification, CallQualificationSchema } from '#domain/qualification/validate';
import { monthLabel, type ReportMonth } from './period';

/**
 * The département's monthly statistics: anonymous counts from the calls' statistics items and their
 * qualifications, with small cells suppressed so that nobody can be singled out.
 *
 * Suppression rule (statistical secrecy):
 * - primary: any count from 1 to 4 is published as "< 5" (zero is published: it describes nobody);
 * - secondary: a table whose rows add up to its total (single choice) and that has exactly one
 *   primary cell also hides its smallest other non-zero cell ("masqué"), so the total minus the
 *   visible cells is the sum of at least two hidden cells, never one small cell. A cell whose value is
 *   published elsewhere (the real calls, total of the real-call tables) is never that complement; if no
 *   other cell can be, the total is hidden. Multi-choice tables (a call counts in several rows) do not
 *   add up to their total, so no difference reveals a cell and only primary suppression applies;
 * - a table whose total is under 5 shows no count at all;
 * - derived figures (missed-call rate, wait percentiles) are published only from bases of 5 or more,
 *   and a rate is withheld when its numerator is hidden, so it cannot be multiplied back.
 */

/** Counts under this are never published. */
export const SMALL_CELL_THRESHOLD = 5;

export type Suppression = 'none' | 'small' | 'complementary';

export interface PublishedCell {
  readonly key: string;
  readonly label: string;
  /** The true count: kept for charts' scale and tests only, never written to the outputs when hidden. */
  readonly count: number;
  readonly suppression: Suppression;
  /** What the CSV and the page show. */
  readonly shown: string;
}

export interface StatTable {
  readonly id: string;
  readonly title: string;
  /** What the counts are out of, e.g. "appels réels". */
  readonly baseLabel: string;
  readonly total: PublishedCell;
  /** A call may count in several rows (multi-choice). */
  readonly multi: boolean;
  readonly cells: readonly PublishedCell[];
}

export interface Indicator {
  readonly id: string;
  readonly label: string;
  readonly shown: string;
}

export interface MonthlyReport {
  readonly month: ReportMonth;
  readonly monthLabel: string;
  readonly generatedAt: string;
  readonly indicators: readonly Indicator[];
  readonly tables: readonly StatTable[];
  /** Records skipped because they did not match their schema (call record or qualification). */
  readonly unreadableRecords: number;
}

const SHOWN_SMALL = '< 5';
const SHOWN_COMPLEMENTARY = 'masqué';
const WITHHELD = 'non publié (effectif < 5)';

const isSmall = (count: number) => count > 0 && count < SMALL_CELL_THRESHOLD;

/**
 * Applies primary and secondary suppression to one table's cells and its total.
 * `anchors` are cells whose value is published elsewhere (e.g. the number of real calls, which is the
 * total of every real-call table): hiding one would not hide it, so they are never the complement; when
 * no other cell can be, the table's total is hidden instead.
 */
export function suppressTable(
  cells: readonly { key: string; label: string; count: number }[],
  total: number,
  options: { partition: boolean; anchors?: readonly string[] } = { partition: true },
): { cells: PublishedCell[]; total: PublishedCell } {
  const hidden = new Map<string, Suppression>();
  for (const cell of cells) if (isSmall(cell.count)) hidden.set(cell.key, 'small');
  let totalSuppression: Suppression = isSmall(total) ? 'small' : 'none';
  // Only when the cells add up to the total can "total minus the visible cells" reveal a lone small cell.
  if (options.partition && hidden.size === 1 && totalSuppression === 'none') {
    const complement = cells
      .filter(
        (cell) => cell.count > 0 && !hidden.has(cell.key) && !(options.anchors ?? []).includes(cell.key),
      )
      .sort((a, b) => a.count - b.count || a.key.localeCompare(b.key))[0];
    if (complement !== undefined) hidden.set(complement.key, 'complementary');
    else totalSuppression = 'complementary';
  }
  const publish = (key: string, label: string, count: number, suppression: Suppression): PublishedCell => ({
    key,
    label,
    count,
    suppression,
    shown:
      suppression === 'small'
        ? SHOWN_SMALL
        : suppression === 'complementary'
          ? SHOWN_COMPLEMENTARY
          : String(count),
  });
  return {
    cells: cells.map((cell) =>
      publish(
        cell.key,
        cell.label,
        cell.count,
        totalSuppression === 'small' && cell.count > 0 ? 'small' : (hidden.get(cell.key) ?? 'none'),
      ),
    ),
    total: publish('total', 'Total', total, totalSuppression),
  };
}

function table(
  id: string,
  title: string,
  baseLabel: string,
  options: readonly FieldOption[],
  counts: ReadonlyMap<string, number>,
  total: number,
  multi: boolean,
  anchors: readonly string[] = [],
): StatTable {
  const published = suppressTable(
    options.map((option) => ({
      key: option.value,
      label: option.label,
      count: counts.get(option.value) ?? 0,
    })),
    total,
    { partition: !multi, anchors },
  );
  return { id, title, baseLabel, multi, cells: published.cells, total: published.total };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? 0;
}

const formatDuration = (seconds: number): string => {
  const rounded = Math.round(seconds);
  const minutes = Math.floor(rounded / 60);
  return minutes === 0 ? `${rounded} s` : `${minutes} min ${String(rounded % 60).padStart(2, '0')} s`;
};

const OUTCOME_OPTIONS: readonly { value: CallOutcome | 'unknown'; label: string }[] = [
  { value: 'answered', label: 'Décrochés par une écoutante' },
  { value: 'missed_in_queue', label: 'Raccrochés en attente (manqués)' },
  { value: 'abandoned_in_ivr', label: 'Raccrochés avant l’attente' },
  { value: 'out_of_hours', label: 'Hors horaires d’ouverture' },
  { value: 'unknown', label: 'Issue inconnue' },
];

const increment = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

/** Builds the month's report from its calls' statistics items. */
export function aggregateMonth(
  month: ReportMonth,
  calls: readonly CallStatistics[],
  options: { generatedAt: Date; unreadableCalls?: number },
): MonthlyReport {
  let unreadable = options.unreadableCalls ?? 0;
  const outcomes = new Map<string, number>();
  const hours = new Map<string, number>();
  const waits: number[] = [];
  const talks: number[] = [];
  const qualifications: CallQualification[] = [];
  for (const call of calls) {
    increment(outcomes, call.outcome ?? 'unknown');
    increment(hours, String(call.hour));
    if (
      call.waitSeconds !== undefined &&
      (call.outcome === 'answered' || call.outcome === 'missed_in_queue')
    ) {
      waits.push(call.waitSeconds);
    }
    if (call.talkSeconds !== undefined && call.outcome === 'answered') talks.push(call.talkSeconds);
    const raw = call.qualification;
    if (raw === undefined) continue;
    const parsed = z.safeParse(CallQualificationSchema, raw);
    if (parsed.success) qualifications.push(parsed.data as CallQualification);
    else unreadable += 1;
  }

  const outcomeTable = table(
    'outcomes',
    'Appels reçus, par issue',
    'appels reçus',
    OUTCOME_OPTIONS,
    outcomes,
    calls.length,
    false,
  );
  const hourTable = table(
    'hours',
    'Appels reçus, par heure (heure de Paris)',
    'appels reçus',
    Array.from({ length: 24 }, (_, hour) => ({ value: String(hour), label: `${hour} h` })),
    hours,
    [...hours.values()].reduce((sum, count) => sum + count, 0),
    false,
  );

  const callTypes = new Map<string, number>();
  for (const qualification of qualifications) increment(callTypes, qualification.callType);
  const realCalls = qualifications.filter((qualification) => qualification.callType === REAL_CALL);
  const callTypeTable = table(
    'callType',
    'Appels qualifiés, par type',
    'appels qualifiés',
    CALL_TYPES,
    callTypes,
    qualifications.length,
    false,
    // The number of real calls is the total of every real-call table below.
    [REAL_CALL],
  );
  const qualificationTables = STATISTIC_FIELDS.filter((field) => field.id !== 'callType').map((field) => {
    const counts = new Map<string, number>();
    for (const qualification of realCalls) {
      const value = (qualification as unknown as Record<string, string | readonly string[] | undefined>)[
        field.id
      ];
      for (const answer of typeof value === 'string' ? [value] : (value ?? [])) increment(counts, answer);
    }
    return table(
      field.id,
      field.label,
      'appels réels',
      field.options,
      counts,
      realCalls.length,
      field.kind === 'multi',
    );
  });

  // Missed-call rate: of the callers who reached the queue, the share who hung up before a listener.
  const cellOf = (key: string) => outcomeTable.cells.find((cell) => cell.key === key) as PublishedCell;
  const answered = cellOf('answered');
  const missed = cellOf('missed_in_queue');
  const queued = answered.count + missed.count;
  const rateShown =
    queued < SMALL_CELL_THRESHOLD || missed.suppression !== 'none' || answered.suppression !== 'none'
      ? WITHHELD
      : `${((100 * missed.count) / queued).toFixed(1).replace('.', ',')} %`;
  waits.sort((a, b) => a - b);
  talks.sort((a, b) => a - b);
  const durationShown = (values: readonly number[], p: number) =>
    values.length < SMALL_CELL_THRESHOLD ? WITHHELD : formatDuration(percentile(values, p));

  const indicators: Indicator[] = [
    { id: 'callsReceived', label: 'Appels reçus', shown: outcomeTable.total.shown },
    { id: 'callsAnswered', label: 'Appels décrochés', shown: answered.shown },
    { id: 'callsMissed', label: 'Appels manqués en attente', shown: missed.shown },
    { id: 'missedRate', label: 'Taux d’appels manqués (parmi les appels mis en attente)', shown: rateShown },
    { id: 'waitP50', label: 'Attente médiane', shown: durationShown(waits, 50) },
    { id: 'waitP90', label: 'Attente, 9 appels sur 10 en dessous de', shown: durationShown(waits, 90) },
    { id: 'talkP50', label: 'Durée médiane d’écoute', shown: durationShown(talks, 50) },
    { id: 'qualified', label: 'Appels qualifiés', shown: callTypeTable.total.shown },
    {
      id: 'realCalls',
      label: 'Appels réels',
      shown: callTypeTable.cells.find((cell) => cell.key === REAL_CALL)?.shown ?? '0',
    },
  ];

  return {
    month,
    monthLabel: monthLabel(month),
    generatedAt: options.generatedAt.toISOString(),
    indicators,
    tables: [outcomeTable, hourTable, callTypeTable, ...qualificationTables],
    unreadableRecords: unreadable,
  };
}
