import { frenchHolidayOverrides } from './french-holidays';
import { parisClock } from './paris-time';

/**
 * Whether the line is open at an instant, by the same rules as the Connect hours of operation:
 * weekday hours from the stage config (Europe/Paris) and French public holidays closed for the
 * configured years. Pure; shared by contact-events and the local flow interpreter.
 */

export type Weekday = 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';

/** Opening hours for one weekday, Europe/Paris time, as "HH:MM". */
export interface DayHours {
  readonly day: Weekday;
  readonly start: string;
  readonly end: string;
}

/** What decides whether the line is open: a stage value, the same for Connect and the functions. */
export interface LineHours {
  readonly weekdayHours: readonly DayHours[];
  /** Years for which French public holidays close the line (Connect hours-of-operation overrides). */
  readonly holidayYears: readonly number[];
}

const toMinutes = (hhmm: string): number => {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

const holidaysByYears = new Map<string, ReadonlySet<string>>();

function holidayDates(years: readonly number[]): ReadonlySet<string> {
  const cacheKey = years.join(',');
  let dates = holidaysByYears.get(cacheKey);
  if (dates === undefined) {
    dates = new Set(frenchHolidayOverrides(years).map((closure) => closure.date));
    holidaysByYears.set(cacheKey, dates);
  }
  return dates;
}

/**
 * True when `instant` falls within the configured hours of its Paris weekday (start inclusive, end
 * exclusive) and its Paris date is not a French public holiday of a configured year.
 */
export function isLineOpen(instant: Date | string, config: LineHours): boolean {
  const clock = parisClock(instant);
  if (holidayDates(config.holidayYears).has(clock.day)) {
    return false;
  }
  const minuteOfDay = clock.hour * 60 + clock.minute;
  return config.weekdayHours.some(
    (hours) =>
      hours.day === clock.weekday &&
      minuteOfDay >= toMinutes(hours.start) &&
      minuteOfDay < toMinutes(hours.end),
  );
}
