import type { DayHours, Weekday } from '../time/line-hours';

/**
 * Every sentence a caller hears, in French, in one place so that the département can review them
 * together. Plain, short sentences; the caller may be in danger and may have to hang up fast. The line
 * serves women and men, victims and close ones, so no sentence assumes who calls or who answers.
 * Numbers are written as they are said in France ("39 19").
 */

/** The three numbers every caller hears before any wait. The flow validator looks for these digits. */
export const EMERGENCY_NUMBERS = ['17', '114', '3919'] as const;

const EMERGENCY =
  'Si vous êtes en danger, appelez le 17. ' +
  'Si vous ne pouvez pas parler, envoyez un SMS au 114. ' +
  'Le 39 19 vous écoute aussi, gratuitement, jour et nuit.';

const DAY_NAMES: Record<Weekday, string> = {
  MONDAY: 'lundi',
  TUESDAY: 'mardi',
  WEDNESDAY: 'mercredi',
  THURSDAY: 'jeudi',
  FRIDAY: 'vendredi',
  SATURDAY: 'samedi',
  SUNDAY: 'dimanche',
};

/** Monday first, as a French week is said: the order of DAY_NAMES. */
const WEEK = Object.keys(DAY_NAMES) as Weekday[];

/** "9:00" → "9 heures", "17:30" → "17 heures 30". */
function spokenTime(time: string): string {
  const [hours = '0', minutes = '00'] = time.split(':');
  const h = `${Number(hours)} heures`;
  return minutes === '00' ? h : `${h} ${Number(minutes)}`;
}

/**
 * The opening hours as one sentence, from the stage config: consecutive days with the same hours are
 * grouped ("du lundi au vendredi, de 9 heures à 17 heures").
 */
export function describeHours(weekdayHours: readonly DayHours[]): string {
  const ordered = [...weekdayHours].sort((a, b) => WEEK.indexOf(a.day) - WEEK.indexOf(b.day));
  const groups: { first: Weekday; last: Weekday; start: string; end: string }[] = [];
  for (const day of ordered) {
    const previous = groups.at(-1);
    if (
      previous !== undefined &&
      previous.start === day.start &&
      previous.end === day.end &&
      WEEK.indexOf(day.day) === WEEK.indexOf(previous.last) + 1
    ) {
      previous.last = day.day;
    } else {
      groups.push({ first: day.day, last: day.day, start: day.start, end: day.end });
    }
  }
  const parts = groups.map((group) => {
    const days =
      group.first === group.last
        ? `le ${DAY_NAMES[group.first]}`
        : `du ${DAY_NAMES[group.first]} au ${DAY_NAMES[group.last]}`;
    return `${days}, de ${spokenTime(group.start)} à ${spokenTime(group.end)}`;
  });
  return `La ligne est ouverte ${parts.join(' ; ')}, sauf les jours fériés.`;
}

/**
 * What the line says to a caller, by moment of the call. Who answers is "une personne de l’équipe
 * d’écoute" (the listeners are a mixed team); a callback is "qu’on vous rappelle" (never "rappelée").
 */
export const CALLER_PROMPTS = {
  welcome: 'Bonjour, vous êtes bien sur Un premier pas, la ligne d’écoute du Val-de-Marne.',
  emergencyNumbers: EMERGENCY,
  closed: (weekdayHours: readonly DayHours[]) =>
    `La ligne est fermée pour le moment. ${describeHours(weekdayHours)}`,
  noListener: 'L’équipe d’écoute n’est pas disponible pour le moment.',
  offerCallback: 'Pour qu’on vous rappelle, tapez 1. Sinon, vous pouvez raccrocher.',
  goodbye: 'Merci de votre appel. Prenez soin de vous. Au revoir.',
  lineUnavailable: 'Nous ne pouvons pas prendre votre appel pour le moment.',
  // Customer queue flow.
  hold: `Merci de patienter, une personne de l’équipe d’écoute va vous répondre. ${EMERGENCY}`,
  offerCallbackWhileQueued: `${EMERGENCY} Pour qu’on vous rappelle au lieu d’attendre, tapez 1. Sinon, restez en ligne.`,
  stillWaiting: 'Vous restez en attente. Une personne de l’équipe d’écoute va vous répondre.',
  // Callback request, by keypad.
  callbackIntro: 'Nous allons enregistrer votre demande de rappel. Trois questions.',
  askMessage: 'Pouvons-nous laisser un message si vous ne répondez pas ? Tapez 1 pour oui, 2 pour non.',
  askWindow:
    'À quel moment pouvons-nous vous appeler sans danger ? Le matin, tapez 1. L’après-midi, tapez 2. À tout moment, tapez 3.',
  askWindowAgain: 'Je n’ai pas compris. Le matin, tapez 1. L’après-midi, tapez 2. À tout moment, tapez 3.',
  askNumber:
    'Pour qu’on vous rappelle au numéro qui vous sert à appeler, tapez 1. Pour donner un autre numéro, tapez 2.',
  askNumberAgain: 'Je n’ai pas compris. Ce numéro, tapez 1. Un autre numéro, tapez 2.',
  callingNumberUnavailable: 'Votre numéro n’est pas visible.',
  keyNumber: 'Tapez le numéro à dix chiffres, puis la touche dièse.',
  keyNumberAgain:
    'Ce numéro n’est pas valide. Tapez à nouveau le numéro à dix chiffres, puis la touche dièse.',
  numberStillInvalid: 'Ce numéro n’est toujours pas valide. Votre demande n’est pas enregistrée.',
  notUnderstood: 'Je n’ai pas compris. Votre demande n’est pas enregistrée.',
  // What the callee's phone will show (docs/callback-safety.md): not the line's number, no name.
  callbackStored:
    'Votre demande est enregistrée. Une personne de l’équipe d’écoute vous rappellera, depuis un autre numéro que celui de la ligne et sans nom affiché.',
  callbackFailed: 'Nous n’avons pas pu enregistrer votre demande.',
} as const;
