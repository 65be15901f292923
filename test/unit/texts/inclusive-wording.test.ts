import { CALLER_PROMPTS, EMERGENCY_NUMBERS } from '#domain/texts/caller-prompts';
import { callerTexts, listenerTexts, partnerTexts } from './rendered-texts';

/**
 * The line serves women and men, victims and close ones, and its listeners are a mixed team: nothing a
 * caller hears may assume the caller's gender, and nothing anyone reads may assume the listeners'.
 */

/** A whole word among `words`, in any case; `\b` would not see the edge of an accented letter. */
const anyWord = (...words: string[]) => new RegExp(`(?<!\\p{L})(?:${words.join('|')})(?!\\p{L})`, 'iu');

/** Feminine forms that would address the caller as a woman ("pour être rappelée", "vous êtes seule"). */
const GENDERED_CALLER_WORDS = [
  anyWord('rappelées?'),
  anyWord('seules?'),
  anyWord('prêtes?'),
  anyWord('sûres?'),
  anyWord('protégées?'),
  anyWord('accompagnées?'),
  anyWord('écoutées?'),
  anyWord('inquiètes?'),
  anyWord('madame'),
];
/** The listeners or the callers named by one gender. */
const GENDERED_ROLE_WORDS = [anyWord('écoutantes?', 'écoutants?'), anyWord('appelantes?', 'appelants?')];

describe('the gendered-wording check', () => {
  it.each([
    ['Pour être rappelée, tapez 1.', GENDERED_CALLER_WORDS],
    ['Une écoutante vous rappellera.', GENDERED_ROLE_WORDS],
    ['Aucune écoutante n’est disponible.', GENDERED_ROLE_WORDS],
    ['Vous n’êtes pas seule.', GENDERED_CALLER_WORDS],
  ])('catches the wording it replaced: %s', (text, words) => {
    expect(words.some((word) => word.test(text))).toBe(true);
  });

  it('lets the words it replaced them with through', () => {
    const neutral = 'Pour qu’on vous rappelle, une personne de l’équipe d’écoute vous écoute.';
    expect([...GENDERED_CALLER_WORDS, ...GENDERED_ROLE_WORDS].filter((word) => word.test(neutral))).toEqual(
      [],
    );
  });
});

describe('the caller prompts', () => {
  const prompts = callerTexts();

  it('are all rendered (every entry, the opening hours of every stage)', () => {
    expect(prompts.length).toBeGreaterThan(Object.keys(CALLER_PROMPTS).length);
  });

  it.each([...GENDERED_CALLER_WORDS, ...GENDERED_ROLE_WORDS])('never say %s', (word) => {
    expect(prompts.filter((prompt) => word.test(prompt))).toEqual([]);
  });

  it('offer a callback with "qu’on vous rappelle" and name who answers as the listening team', () => {
    expect(CALLER_PROMPTS.offerCallback).toBe(
      'Pour qu’on vous rappelle, tapez 1. Sinon, vous pouvez raccrocher.',
    );
    expect(CALLER_PROMPTS.offerCallbackWhileQueued).toBe(
      `${CALLER_PROMPTS.emergencyNumbers} Pour qu’on vous rappelle au lieu d’attendre, tapez 1. Sinon, restez en ligne.`,
    );
    expect(CALLER_PROMPTS.askNumber).toBe(
      'Pour qu’on vous rappelle au numéro qui vous sert à appeler, tapez 1. Pour donner un autre numéro, tapez 2.',
    );
    expect(CALLER_PROMPTS.noListener).toBe('L’équipe d’écoute n’est pas disponible pour le moment.');
    expect(CALLER_PROMPTS.hold).toBe(
      `Merci de patienter, une personne de l’équipe d’écoute va vous répondre. ${CALLER_PROMPTS.emergencyNumbers}`,
    );
    expect(CALLER_PROMPTS.stillWaiting).toBe(
      'Vous restez en attente. Une personne de l’équipe d’écoute va vous répondre.',
    );
    expect(CALLER_PROMPTS.callbackStored).toBe(
      'Votre demande est enregistrée. Une personne de l’équipe d’écoute vous rappellera, depuis un autre numéro que celui de la ligne et sans nom affiché.',
    );
  });

  it('keep the emergency numbers as they are said in France', () => {
    expect(CALLER_PROMPTS.emergencyNumbers).toBe(
      'Si vous êtes en danger, appelez le 17. Si vous ne pouvez pas parler, envoyez un SMS au 114. ' +
        'Le 39 19 vous écoute aussi, gratuitement, jour et nuit.',
    );
    for (const number of EMERGENCY_NUMBERS) {
      expect(CALLER_PROMPTS.emergencyNumbers.replace(/\s+/g, '')).toContain(number);
    }
  });
});

describe('the listener and partner messages', () => {
  it.each(GENDERED_ROLE_WORDS)('never say %s', (word) => {
    expect([...listenerTexts(), ...partnerTexts()].filter((text) => word.test(text))).toEqual([]);
  });
});
