/**
 * Europe/Paris calendar facts of an instant, from Intl (no time-zone arithmetic by hand, so daylight
 * saving changes are right). The calls table's `day` and the out-of-hours `hour` come from here.
 */

export const PARIS_TIME_ZONE = 'Europe/Paris';

const parisParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  weekday: 'long',
  hourCycle: 'h23',
});

/** Paris wall-clock reading of an instant. */
export interface ParisClock {
  /** `YYYY-MM-DD`. */
  readonly day: string;
  /** 0..23. */
  readonly hour: number;
  readonly minute: number;
  /** Upper-case English name, as Connect spells weekdays (`MONDAY`…). */
  readonly weekday: string;
}

/** Raised for an instant that is not a valid date. */
export class InvalidInstantError extends Error {
  constructor(readonly instant: string) {
    super(`not a valid instant: ${instant}`);
    this.name = 'InvalidInstantError';
  }
}

const toDate = (instant: Date | string): Date => {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) {
    throw new InvalidInstantError(String(instant));
  }
  return date;
};

/** Reads an instant (Date or ISO-8601 string) on a Paris clock. */
export function parisClock(instant: Date | string): ParisClock {
  const parts = Object.fromEntries(
    parisParts.formatToParts(toDate(instant)).map((part) => [part.type, part.value]),
  );
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: String(parts.weekday).toUpperCase(),
  };
}

/** Europe/Paris calendar date `YYYY-MM-DD` of an instant. */
export function parisDay(instant: Date | string): string {
  return parisClock(instant).day;
}

/** Europe/Paris hour (0..23) of an instant. */
export function parisHour(instant: Date | string): number {
  return parisClock(instant).hour;
}
