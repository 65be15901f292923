import { type CallerLanguageCode, type FRENCH, needsInterpreter } from '../caller-languages';
import { frenchDueDate } from './due-date';

/**
 * Every sentence a partner association reads: the notices of a new or overdue callback request, and
 * the warnings the partner API returns with a number. Never any personal data: a notice carries the
 * due date and the portal link only.
 */

/** What a notice is about: `new` at dispatch, `overdue` when callback-watch re-notifies. */
export type PartnerNoticeKind = 'new' | 'overdue';

/** The e-mail (SNS) a partner receives for a callback request: due date in Paris time, portal link. */
export function partnerNotice(
  kind: PartnerNoticeKind,
  dueBy: string,
  link: string,
  language?: string,
): { subject: string; message: string } {
  const due = frenchDueDate(dueBy);
  const note = language === undefined ? undefined : languageNote(language);
  const withNote = (message: string) => (note === undefined ? message : `${message}\n${note}`);
  if (kind === 'overdue') {
    return {
      subject: 'Demande de rappel en retard',
      message: withNote(
        `Une demande de rappel n'a pas encore été traitée. Nouvelle échéance : avant le ${due}.\n${link}`,
      ),
    };
  }
  return {
    subject: 'Nouvelle demande de rappel',
    message: withNote(`Nouvelle demande de rappel, à traiter avant le ${due}.\n${link}`),
  };
}

/** Warnings shown with an opened callback number, so that calling never puts the person at risk. */
export const PARTNER_WARNINGS = {
  unsafeNumber: "Ce numéro n'est pas sûr : ne pas appeler sans nouvelle consigne.",
  outsideSafeWindows: 'Hors des créneaux sûrs : attendre un créneau indiqué avant d’appeler.',
} as const;

/**
 * Why the partner API refuses to open a number, and how to go on. Opening anyway takes an override
 * with a reason, which is audited.
 */
export const PARTNER_REFUSALS = {
  unsafeNumber:
    "Ce numéro n'est pas sûr à appeler : il n'est pas affiché. Pour l'ouvrir malgré tout, indiquez un motif (dérogation tracée).",
  outsideSafeWindows:
    "Nous sommes hors des créneaux sûrs indiqués par la personne : le numéro n'est pas affiché. Attendez un créneau, ou indiquez un motif pour l'ouvrir malgré tout (dérogation tracée).",
  withdrawn:
    "Cette demande a été retirée par l'équipe d'écoute (changement d'association ou contact plus sans danger) : son numéro a été supprimé.",
  closed: 'Cette demande est close ; son numéro a été supprimé.',
  messageNotAllowed:
    "La personne n'a pas accepté qu'un message lui soit laissé : enregistrez « Pas de réponse » à la place.",
  overrideReason: (maxLength: number) =>
    `Le motif de dérogation doit être un texte de 1 à ${maxLength} caractères.`,
} as const;

/** How a partner or a listener reads a language, in French ("Langue : arabe."). */
export const LANGUAGE_NAMES_IN_FRENCH: Record<CallerLanguageCode | typeof FRENCH, string> = {
  fr: 'français',
  en: 'anglais',
  ar: 'arabe',
  pt: 'portugais',
  es: 'espagnol',
  tr: 'turc',
  ro: 'roumain',
  ru: 'russe',
  zh: 'chinois (mandarin)',
};

/**
 * What a partner (or the listener's callback task) reads about the caller's language:
 * "Langue : arabe. Prévoir un interprète."; undefined for French.
 */
export function languageNote(language: string): string | undefined {
  if (!needsInterpreter(language)) return undefined;
  const name = (LANGUAGE_NAMES_IN_FRENCH as Record<string, string>)[language] ?? language;
  return `Langue : ${name}. Prévoir un interprète.`;
}
