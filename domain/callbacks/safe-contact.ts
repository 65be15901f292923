import { isWithinSafeWindows, type SafeWindow } from './safe-windows';

/** Why a number may not be opened now: the person said it is not safe, or it is outside their windows. */
export const OPEN_REFUSALS = ['unsafeNumber', 'outsideSafeWindows'] as const;
export type OpenRefusal = (typeof OPEN_REFUSALS)[number];

/**
 * The safe-contact rules a partner must respect before seeing a number, checked at `now` (Paris time).
 * Empty when the number may be opened; otherwise opening takes an audited override with a reason.
 */
export function openRefusals(
  rules: { readonly safeToCall: boolean; readonly safeWindows: readonly SafeWindow[] },
  now: Date,
): OpenRefusal[] {
  return [
    ...(rules.safeToCall ? [] : (['unsafeNumber'] as const)),
    ...(isWithinSafeWindows(rules.safeWindows, now) ? [] : (['outsideSafeWindows'] as const)),
  ];
}
