import type { CallOutcome } from '#domain/call-record';
import type { CallStatistics } from '#domain/call-statistics';
import { CALL_TYPES, type FieldOption, REAL_CALL, STATISTIC_FIELDS } from '#domain/qualification/schema';
import { histogramPercentile, histogramSize, MonthTally } from '#domain/report/month-tally';
import { groupCommunes } from './commune-groups';
import { monthLabel, type ReportMonth } from './period';
import { type PublishedCell, SMALL_CELL_THRESHOLD, suppressTable } from './suppression';

/**
 * The département's monthly statistics: anonymous counts from the calls' statistics items and their
 * qualifications, with small cells suppressed so that nobody can be singled out (./suppression.ts).
 * Communes with few calls are grouped by établissement public territorial (./commune-groups.ts).
 * Derived figures (missed-call rate, wait percentiles) are published only from bases of 5 or more, and
 * a rate is withheld when its numerator is hidden, so it cannot be multiplied back.
 */

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

const WITHHELD = 'non publié (effectif < 5)';

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

/** Builds the month's report from its calls' statistics items (held in memory: for tests and small months). */
export function aggregateMonth(
  month: ReportMonth,
  calls: readonly CallStatistics[],
  options: { generatedAt: Date; unreadableCalls?: number },
): MonthlyReport {
  const tally = new MonthTally(options.unreadableCalls);
  for (const call of calls) tally.add(call);
  return reportOfTally(month, tally, options);
}

/** Builds the month's report from its running counts (produceMonthlyReport streams the items into them). */
export function reportOfTally(
  month: ReportMonth,
  tally: MonthTally,
  options: { generatedAt: Date },
): MonthlyReport {
  const { outcomes, hours, waits, talks } = tally;
  const outcomeTable = table(
    'outcomes',
    'Appels reçus, par issue',
    'appels reçus',
    OUTCOME_OPTIONS,
    outcomes,
    tally.calls,
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

  const callTypeTable = table(
    'callType',
    'Appels qualifiés, par type',
    'appels qualifiés',
    CALL_TYPES,
    tally.callTypes,
    tally.qualified,
    false,
    // The number of real calls is the total of every real-call table below.
    [REAL_CALL],
  );
  const qualificationTables = STATISTIC_FIELDS.filter((field) => field.id !== 'callType').map((field) => {
    const counts = tally.fields.get(field.id) ?? new Map<string, number>();
    // Communes with few calls are shown by territory, so a small town's count is never a cell of its own.
    const rows =
      field.id === 'commune' ? groupCommunes(field.options, counts) : { options: field.options, counts };
    return table(
      field.id,
      field.label,
      'appels réels',
      rows.options,
      rows.counts,
      tally.realCalls,
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
  const durationShown = (values: ReadonlyMap<number, number>, p: number) =>
    histogramSize(values) < SMALL_CELL_THRESHOLD ? WITHHELD : formatDuration(histogramPercentile(values, p));

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
    unreadableRecords: tally.unreadable,
  };
}
