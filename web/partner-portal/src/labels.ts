import type { CallbackOutcome, CallbackStatus } from '#domain/callbacks/record';
import type { SafeWindow } from '#domain/callbacks/safe-windows';
import type { PartnerId } from '#domain/partners';
import { frenchDueDate } from '#domain/texts/due-date';
import type { CallbackDetail, HistoryItem } from './api';

/** How the portal words the API's values, in French. */

export const PARTNER_NAMES: Readonly<Record<PartnerId, string>> = {
  cidff94: 'CIDFF 94',
  apcars94: 'APCARS 94',
  apce94: 'APCE 94',
  line: "l'équipe d'écoute",
};

export const SAFE_WINDOW_LABELS: Readonly<Record<SafeWindow, string>> = {
  'weekday-morning': 'en semaine le matin (9 h – 12 h)',
  'weekday-afternoon': "en semaine l'après-midi (12 h – 18 h)",
  'weekday-evening': 'en semaine en soirée (18 h – 20 h)',
  'saturday-morning': 'le samedi matin (9 h – 12 h)',
};

export const STATUS_LABELS: Readonly<Record<CallbackStatus, string>> = {
  pending: 'À prendre en charge',
  claimed: 'Prise en charge',
  retry: 'À rappeler (nouvel essai)',
  closed: 'Close',
};

export const OUTCOME_LABELS: Readonly<Record<CallbackOutcome, string>> = {
  reached: 'personne jointe',
  unreachable: 'pas de réponse',
  messageLeft: 'message laissé',
  wrongNumber: 'faux numéro',
  declined: "la personne ne souhaite pas d'aide",
  unsafe: 'appel dangereux pour la personne',
  withdrawn: "retirée par l'équipe d'écoute",
  expired: 'expirée sans appel',
};

const LANGUAGES = new Intl.DisplayNames(['fr'], { type: 'language' });

/** "fr" → "Français". */
export function languageLabel(code: string): string {
  const name = LANGUAGES.of(code) ?? code;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Due time as the notices write it: "12/03/2026 à 14:05" (Paris time). */
export const dueLabel = frenchDueDate;

export function windowsLabel(windows: readonly SafeWindow[]): string {
  return windows.length === 0
    ? 'aucun créneau indiqué'
    : windows.map((w) => SAFE_WINDOW_LABELS[w]).join(', ');
}

/** `cidff94/claire` → `claire (CIDFF 94)`; a function name stays as it is. */
export function actorLabel(by: string | undefined): string {
  if (by === undefined) return 'la ligne';
  const [partner, user] = by.split('/');
  if (user === undefined) return 'la ligne (traitement automatique)';
  return `${user} (${PARTNER_NAMES[partner as PartnerId] ?? partner})`;
}

const HISTORY_ACTIONS: Readonly<Record<string, string>> = {
  created: 'Demande créée',
  notified: 'Association prévenue',
  renotified: 'Association relancée (retard)',
  opened: 'Numéro ouvert',
  claimed: 'Prise en charge',
  outcome: 'Résultat enregistré',
  closed: 'Demande close, numéro supprimé',
  amended: "Demande corrigée par l'équipe d'écoute",
  withdrawn: "Demande retirée par l'équipe d'écoute",
};

/** One history line, e.g. "Numéro ouvert par claire (CIDFF 94), hors créneau, avec dérogation". */
export function historyLabel(item: HistoryItem): string {
  const parts = [HISTORY_ACTIONS[item.action] ?? item.action];
  if (item.outcome !== undefined && item.action === 'outcome')
    parts[0] += ` : ${OUTCOME_LABELS[item.outcome]}`;
  if (item.by !== undefined && ['opened', 'claimed', 'outcome', 'closed'].includes(item.action)) {
    parts[0] += ` par ${actorLabel(item.by)}`;
  }
  if (item.outsideSafeWindows) parts.push('hors des créneaux sûrs');
  if (item.override) parts.push('avec dérogation motivée');
  return parts.join(', ');
}

const MORNINGS: readonly SafeWindow[] = ['weekday-morning', 'saturday-morning'];

/**
 * The safe-contact rules restated before a number shows, one sentence each, in the order the
 * worker needs them: whether to call at all, when, whether a message may be left, the code word.
 */
export function safeContactRules(
  request: Pick<CallbackDetail, 'safeToCall' | 'safeWindows' | 'mayLeaveMessage' | 'hasCodeWord'>,
): string[] {
  const rules: string[] = [];
  if (!request.safeToCall) rules.push("Ne pas appeler : la personne a indiqué que ce numéro n'est pas sûr.");
  if (request.safeWindows.length > 0 && request.safeWindows.every((w) => MORNINGS.includes(w))) {
    rules.push('Appeler seulement le matin.');
  } else if (request.safeWindows.length > 0) {
    rules.push(`Appeler seulement ${windowsLabel(request.safeWindows)}.`);
  }
  rules.push(request.mayLeaveMessage ? 'Un message neutre peut être laissé.' : 'Ne pas laisser de message.');
  if (request.hasCodeWord) rules.push('Demander le mot convenu.');
  return rules;
}

/** `+33612000004` → `06 12 00 00 04`, as a French number is read aloud; anything else as it came. */
export function displayNumber(e164: string): string {
  const match = /^\+33([1-9])(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(e164);
  return match === null ? e164 : `0${match.slice(1).join(' ')}`;
}
