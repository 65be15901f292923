import joursFeries from '@socialgouv/jours-feries';
import type { Weekday } from './line-hours';

/** One French public holiday, as the line closes for it. */
export interface HolidayClosure {
  /** French name, e.g. "Lundi de Pâques". */
  readonly name: string;
  /** Calendar date `YYYY-MM-DD` (Europe/Paris), the format Connect overrides expect. */
  readonly date: string;
  /** Day of the week of `date`, as Connect spells it. */
  readonly day: Weekday;
}

const WEEKDAYS: readonly Weekday[] = [
  'SUNDAY',
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
];

const HALF_DAY_MS = 12 * 60 * 60 * 1000;

/**
 * The library builds dates at local midnight and adds days as 24 h, which can land at 23:00 of the
 * day before once a daylight-saving change lies in between; reading the local date at noon is exact.
 */
function calendarDate(libraryDate: Date): { readonly date: string; readonly weekday: number } {
  const noon = new Date(libraryDate.getTime() + HALF_DAY_MS);
  const yyyy = String(noon.getFullYear()).padStart(4, '0');
  const mm = String(noon.getMonth() + 1).padStart(2, '0');
  const dd = String(noon.getDate()).padStart(2, '0');
  return { date: `${yyyy}-${mm}-${dd}`, weekday: noon.getDay() };
}

/** Raised when the configured years cannot yield holiday overrides. */
export class HolidayYearsError extends Error {
  constructor(readonly year: unknown) {
    super(`holiday year ${String(year)} is not a four-digit year between 2000 and 2199`);
    this.name = 'HolidayYearsError';
  }
}

/**
 * French public holidays (metropolitan France, from `@socialgouv/jours-feries`) for each year,
 * sorted by date, one closure per holiday, duplicates of a year ignored.
 * Pure: the same years always give the same list, whatever the process time zone.
 */
export function frenchHolidayOverrides(years: readonly number[]): HolidayClosure[] {
  const closures = new Map<string, HolidayClosure>();
  for (const year of years) {
    if (!Number.isInteger(year) || year < 2000 || year > 2199) {
      throw new HolidayYearsError(year);
    }
    for (const [name, libraryDate] of Object.entries(joursFeries(year))) {
      const { date, weekday } = calendarDate(libraryDate);
      const day = WEEKDAYS[weekday];
      if (day === undefined) {
        throw new Error(`no weekday ${weekday} for ${name} ${date}`);
      }
      closures.set(date, { name, date, day });
    }
  }
  return [...closures.values()].sort((a, b) => a.date.localeCompare(b.date));
}
