/**
 * Safe time windows in which a caller may be called back, in Europe/Paris time.
 * The listener ticks slots on the form; the IVR offers morning, afternoon or any time.
 */

export const SAFE_WINDOWS = [
  'weekday-morning',
  'weekday-afternoon',
  'weekday-evening',
  'saturday-morning',
] as const;
export type SafeWindow = (typeof SAFE_WINDOWS)[number];

/** Paris local hours of each slot, [from, to) in minutes after midnight, and the ISO weekdays (1 = Monday). */
export const SAFE_WINDOW_HOURS: Readonly<
  Record<SafeWindow, { readonly days: readonly number[]; readonly from: number; readonly to: number }>
> = {
  'weekday-morning': { days: [1, 2, 3, 4, 5], from: 9 * 60, to: 12 * 60 },
  'weekday-afternoon': { days: [1, 2, 3, 4, 5], from: 12 * 60, to: 18 * 60 },
  'weekday-evening': { days: [1, 2, 3, 4, 5], from: 18 * 60, to: 20 * 60 },
  'saturday-morning': { days: [6], from: 9 * 60, to: 12 * 60 },
};

/** The IVR's three choices, as the flow passes them to `request-callback`. */
export type IvrSafeWindow = 'morning' | 'afternoon' | 'anytime';

/** Maps the IVR choice to slots; "any time" means every slot partners call in. */
export function safeWindowsFromIvr(choice: IvrSafeWindow): SafeWindow[] {
  if (choice === 'morning') return ['weekday-morning', 'saturday-morning'];
  if (choice === 'afternoon') return ['weekday-afternoon'];
  return [...SAFE_WINDOWS];
}

const PARIS_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const ISO_WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** True when `at` falls inside one of the given slots, in Paris time (DST included). */
export function isWithinSafeWindows(windows: readonly SafeWindow[], at: Date): boolean {
  const parts = Object.fromEntries(PARIS_PARTS.formatToParts(at).map((part) => [part.type, part.value]));
  const weekday = ISO_WEEKDAY[parts.weekday ?? ''] ?? 0;
  const minutes = Number(parts.hour) * 60 + Number(parts.minute);
  return windows.some((window) => {
    const slot = SAFE_WINDOW_HOURS[window];
    return slot.days.includes(weekday) && minutes >= slot.from && minutes < slot.to;
  });
}
