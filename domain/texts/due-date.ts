import { PARIS_TIME_ZONE } from '../time/paris-time';

/**
 * A callback's due date as partners and listeners read it: Paris wall-clock time, French order
 * ("12/03/2026 à 14:05"). Shared by the partner notices and the line's callback tasks.
 */

const PARIS = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** `2026-03-12T13:05:00Z` → `12/03/2026 à 14:05`. */
export function frenchDueDate(instant: string): string {
  return PARIS.format(new Date(instant)).replace(' ', ' à ');
}
