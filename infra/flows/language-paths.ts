import type { CallerLanguage, CallerLanguageCode, PollyVoice } from '#domain/caller-languages';
import type { PartnerId } from '#domain/partners';
import {
  CALLER_PROMPT_TRANSLATIONS,
  type CallerTranslation,
  TRANSLATED_PROMPT_KEYS,
  type TranslatedPromptKey,
} from '#domain/texts/caller-prompts-translations';
import { type FlowBuilder, FRENCH_VOICE, type TextToSpeechVoice } from './builder';

/**
 * The other languages in a flow: the offer ("For English, press 2", each in its own voice, any key
 * interrupting), and for each language the path a caller takes once she pressed its key: Set voice
 * (its error falls back to French and the flow goes on), the emergency numbers and what the line is in her
 * language, and the offer of a callback by an association with an interpreter. Her language's prompts
 * are set as flow attributes (never kept with the contact), so one callback fragment serves every language.
 */

/** What the flows need to offer other languages; no language offers none. */
export interface LanguageFlowOptions {
  readonly languages: readonly CallerLanguage[];
  /** The association that calls back, with an interpreter, a caller who chose another language. */
  readonly interpreterPartnerId: PartnerId;
}

/** A line that speaks French only. */
export const FRENCH_ONLY: LanguageFlowOptions = { languages: [], interpreterPartnerId: 'line' };

/** Flow attribute holding the chosen language's code, passed to request-callback. */
export const CALLER_LANGUAGE_FLOW_ATTRIBUTE = 'callerLanguage';
/** Flow attribute holding the association that calls back with an interpreter. */
export const CALLBACK_PARTNER_FLOW_ATTRIBUTE = 'callbackPartner';

/** Flow attribute holding one translated prompt. */
export const promptAttribute = (key: TranslatedPromptKey): string => `prompt_${key}`;
/** The flow-language reference to one translated prompt of the chosen language. */
export const promptReference = (key: TranslatedPromptKey): string =>
  `$.FlowAttributes.${promptAttribute(key)}`;

/** The Set voice parameters of a language; recorded prompts are declared in config but not built yet. */
export function voiceOf(language: CallerLanguage): TextToSpeechVoice {
  if (language.voice.kind !== 'polly') {
    throw new Error(
      `Language ${language.code}: recorded prompts are declared but not played by the flows yet; give it a Polly voice`,
    );
  }
  const voice: PollyVoice = language.voice;
  return { voice: voice.voiceId, engine: voice.engine };
}

export const translationOf = (code: CallerLanguageCode): CallerTranslation =>
  CALLER_PROMPT_TRANSLATIONS[code];

/** Ids of one language's actions, by flow part. */
const ids = (code: string) => ({
  offerVoice: `OfferVoice_${code}`,
  offerFallback: `OfferFrench_${code}`,
  offer: `OfferLanguage_${code}`,
  voice: `Voice_${code}`,
  fallback: `VoiceFallback_${code}`,
  texts: `Texts_${code}`,
  emergency: `Emergency_${code}`,
  offerCallback: `OfferCallback_${code}`,
  hold: `Hold_${code}`,
});

/** Action id where a caller who pressed this language's key starts. */
export const languageEntry = (code: string): string => ids(code).voice;

/** The keys that choose a language, for a menu's branches. */
export function languageKeys(languages: readonly CallerLanguage[]): Record<string, string> {
  return Object.fromEntries(languages.map((language) => [language.key, languageEntry(language.code)]));
}

/** Where the offer of the languages starts; `none` when there is no language. */
export function languageOfferEntry(languages: readonly CallerLanguage[], none: string): string {
  const first = languages[0];
  return first === undefined ? none : ids(first.code).offerVoice;
}

/**
 * The offer of every language, one after the other, each in its own voice; any language key interrupts
 * and starts that language's path. Ends on the French voice at `none`. Starts at `languageOfferEntry`.
 */
export function addLanguageOffer(
  flow: FlowBuilder,
  languages: readonly CallerLanguage[],
  none: string,
): void {
  if (languages.length === 0) return;
  const end = 'OfferLanguagesEnd';
  const keys = languageKeys(languages);
  languages.forEach((language, index) => {
    const id = ids(language.code);
    const following = languages[index + 1];
    const next = following === undefined ? end : ids(following.code).offerVoice;
    flow
      .setVoice(id.offerVoice, { next: id.offer, error: id.offerFallback }, voiceOf(language))
      // A voice Connect refuses: French again, and on to the next language.
      .setVoice(id.offerFallback, { next, error: next })
      .menu(
        id.offer,
        { text: translationOf(language.code).offer(language.key), timeoutSeconds: 1 },
        { keys, timeout: next, noMatch: next, error: next },
      );
  });
  flow.setVoice(end, { next: none, error: none }, FRENCH_VOICE);
}

/** Where each language path goes on. */
export interface LanguagePathExits {
  /** Her voice failed: the French voice is set again, and the flow goes on here. */
  readonly frenchFallback: string;
  /** She pressed 1: the callback fragment, with her prompts in flow attributes. */
  readonly callback: string;
  /** In queue, she keeps waiting, hearing her language; closed, the flow says goodbye and hangs up. */
  readonly declined: { readonly kind: 'hold' } | { readonly kind: 'goodbye'; readonly next: string };
}

/** The path of every language, after its key: voice, texts, emergency numbers, offer of a callback. */
export function addLanguagePaths(
  flow: FlowBuilder,
  options: LanguageFlowOptions,
  exits: LanguagePathExits,
): void {
  for (const language of options.languages) {
    const id = ids(language.code);
    const texts = translationOf(language.code);
    const declined = exits.declined.kind === 'hold' ? id.hold : 'GoodbyeInLanguage';
    flow
      .setVoice(id.voice, { next: id.texts, error: id.fallback }, voiceOf(language))
      .setVoice(id.fallback, { next: exits.frenchFallback, error: exits.frenchFallback })
      .setFlowAttributes(
        id.texts,
        {
          ...promptAttributes(texts),
          [CALLER_LANGUAGE_FLOW_ATTRIBUTE]: language.code,
          [CALLBACK_PARTNER_FLOW_ATTRIBUTE]: options.interpreterPartnerId,
        },
        { next: id.emergency },
      )
      .message(id.emergency, `${texts.emergencyNumbers} ${texts.aboutLine}`, {
        next: id.offerCallback,
        error: id.offerCallback,
      })
      .menu(
        id.offerCallback,
        {
          text: exits.declined.kind === 'hold' ? texts.offerCallbackWhileQueued : texts.offerCallback,
          timeoutSeconds: 8,
        },
        { keys: { '1': exits.callback }, timeout: declined, noMatch: declined, error: declined },
      );
    if (exits.declined.kind === 'hold') {
      // She stays in the queue, in her language: the numbers again every minute, and the callback offer.
      flow.loopMessages(
        id.hold,
        { texts: [`${texts.stillWaiting} ${texts.emergencyNumbers}`], interruptSeconds: 60 },
        { interrupted: id.offerCallback, error: id.fallback },
      );
    }
  }
  if (exits.declined.kind === 'goodbye' && options.languages.length > 0) {
    flow.message(
      'GoodbyeInLanguage',
      `${promptReference('emergencyNumbers')} ${promptReference('goodbye')}`,
      { next: exits.declined.next, error: exits.declined.next },
    );
  }
}

/** Every translated prompt but the offer (spoken before she chose), as flow attributes. */
function promptAttributes(texts: CallerTranslation): Record<string, string> {
  return Object.fromEntries(
    TRANSLATED_PROMPT_KEYS.filter((name) => name !== 'offer').map((name) => [
      promptAttribute(name),
      texts[name],
    ]),
  );
}
