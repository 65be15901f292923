/**
 * The reporting period: a calendar month in Europe/Paris time. The calls table's `byDay` index is
 * keyed by the Paris date of the call, so a month is simply the list of its Paris dates.
 */

/** A month as `YYYY-MM`. */
export type ReportMonth = `${number}-${number}`;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Thrown for a month that is not `YYYY-MM`. */
export class InvalidMonthError extends Error {
  override readonly name = 'InvalidMonthError';
  constructor(readonly input: string) {
    super(`Invalid month "${input}": expected YYYY-MM, e.g. 2026-11`);
  }
}

/** Parses `YYYY-MM`. */
export function parseMonth(input: string): ReportMonth {
  if (!MONTH.test(input)) throw new InvalidMonthError(input);
  return input as ReportMonth;
}

/** Every Paris date (`YYYY-MM-DD`) of the month, in order. */
export function daysOfMonth(month: ReportMonth): string[] {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const count = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return Array.from({ length: count }, (_, index) => `${month}-${String(index + 1).padStart(2, '0')}`);
}

const PARIS_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The month before the Paris date of `at`: what the run on the 1st reports on. */
export function previousMonth(at: Date): ReportMonth {
  const [year, month] = PARIS_DATE.format(at).split('-').map(Number) as [number, number];
  const previous = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
  return `${previous.year}-${String(previous.month).padStart(2, '0')}` as ReportMonth;
}

const MONTH_NAMES = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** "novembre 2026". */
export function monthLabel(month: ReportMonth): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return `${MONTH_NAMES[monthNumber - 1]} ${year}`;
}

const PARIS_HOUR = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** The Paris hour (0–23) of an ISO instant. */
export function parisHour(iso: string): number {
  return Number(PARIS_HOUR.format(new Date(iso)));
}
