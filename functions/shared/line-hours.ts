import type { StageConfig } from '../../infra/config';
import { frenchHolidayOverrides } from '../../infra/constructs/french-holidays';
import { parisClock } from './paris-time';

/**
 * Whether the line is open at an instant, by the same rules as the Connect hours of operation:
 * weekday hours from the stage config (Europe/Paris) and French public holidays closed for the
 * configured years. Pure; shared by contact-events and the local flow interpreter.
 */

/** The part of the stage config that decides opening hours. */
export type LineHoursConfig = Pick<StageConfig, 'weekdayHours' | 'holidayYears'>;

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
export function isLineOpen(instant: Date | string, config: LineHoursConfig): boolean {
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
