import { frenchDueDate } from './due-date';

/**
 * Every sentence a listener reads or hears: the whisper as a call connects, the step-by-step guide's
 * screens and results, the form's field errors and the line's callback tasks. The listeners are a
 * mixed team: no sentence assumes a listener's or a caller's gender. The form's field labels, options
 * and help stay with the form definition (domain/qualification/schema.ts).
 */

/** What the listener hears as the call connects (agent whisper): this line, and how long the wait was. */
export const LISTENER_WHISPER = {
  shortWait: 'Appel Un premier pas. Attente de moins d’une minute.',
  longWait: 'Appel Un premier pas. Attente de plus de quinze minutes.',
  /** `minutesPath` is the flow-language reference Connect replaces with the minutes waited. */
  minutes: (minutesPath: string) =>
    `Appel Un premier pas. Temps d’attente en minutes : environ ${minutesPath}.`,
} as const;

/** The guide's answer once the listener submits the qualification (qualify-call, or the guide itself). */
export const QUALIFICATION_RESULTS = {
  stored: 'Qualification enregistrée.',
  callbackSent: (partner: string) => `Demande de rappel transmise à ${partner}.`,
  callbackWithdrawn: 'Demande de rappel retirée : l’association ne verra plus le numéro.',
  invalid: (count: number) =>
    count === 1 ? 'Un champ est à corriger :' : `${count} champs sont à corriger :`,
  failed: 'La qualification n’a pas pu être enregistrée. Réessayez dans un instant.',
  callbackFailed:
    'Qualification enregistrée, mais la demande de rappel n’a pas pu être transmise. Réessayez dans un instant.',
  /** Shown by the guide when qualify-call itself could not be reached; the guide then offers to start again. */
  unreachable:
    'La qualification n’a pas pu être enregistrée (service indisponible). Recommencez dans un instant.',
} as const;

/** One message per faulty field of the form, naming the field by its label. */
export const FIELD_ERRORS = {
  required: (label: string) => `Champ obligatoire : « ${label} ».`,
  unknown: (label: string) => `Valeur non reconnue pour « ${label} ».`,
  single: (label: string) => `Une seule réponse possible pour « ${label} ».`,
  atLeastOne: (label: string) => `Cochez au moins une case pour « ${label} ».`,
  phone: 'Numéro français attendu : 10 chiffres commençant par 0, ou +33.',
  specialRate: 'Les numéros en 08 ne peuvent pas être rappelés.',
  codeWord: 'Un mot court (30 caractères au plus), sans phrase ni ponctuation.',
} as const;

/** The words of the guide's screens around the form's fields: titles, section headings, buttons. */
export const GUIDE_SCREENS = {
  title: 'Qualification de l’appel',
  callTypeHeading: 'Type d’appel',
  sections: {
    person: 'La personne',
    situation: 'La situation',
    orientations: 'Orientations',
    partnerCallback: 'Rappel par une association (avec l’accord de la personne)',
  },
  submit: 'Enregistrer',
  backToCallType: 'Changer le type d’appel',
  done: 'Terminer',
  retry: 'Recommencer',
} as const;

/** The Connect task a listener receives for a callback asked for on the line: the reference, no number. */
export function callbackTask(
  kind: 'new' | 'overdue',
  requestId: string,
  dueBy: string,
): { name: string; description: string } {
  return {
    name: kind === 'new' ? 'Rappel demandé' : 'Rappel en retard',
    description: `Rappel à faire avant le ${frenchDueDate(dueBy)}. Ouvrir la demande ${requestId} dans le portail pour le numéro.`,
  };
}
