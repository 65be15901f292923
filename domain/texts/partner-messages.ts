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
): { subject: string; message: string } {
  const due = frenchDueDate(dueBy);
  if (kind === 'overdue') {
    return {
      subject: 'Demande de rappel en retard',
      message: `Une demande de rappel n'a pas encore été traitée. Nouvelle échéance : avant le ${due}.\n${link}`,
    };
  }
  return {
    subject: 'Nouvelle demande de rappel',
    message: `Nouvelle demande de rappel, à traiter avant le ${due}.\n${link}`,
  };
}

/** Warnings shown with an opened callback number, so that calling never puts the person at risk. */
export const PARTNER_WARNINGS = {
  unsafeNumber: "Ce numéro n'est pas sûr : ne pas appeler sans nouvelle consigne.",
  outsideSafeWindows: 'Hors des créneaux sûrs : attendre un créneau indiqué avant d’appeler.',
} as const;
