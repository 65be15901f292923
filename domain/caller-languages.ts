import type { PartnerId } from './partners';

/**
 * The languages the line offers besides French: callers who do not speak French hear the emergency
 * numbers, what the line is, and can leave a callback request that an association returns with an
 * interpreter. Which languages, keys and voices a stage offers is stage config (`StageConfig.callerLanguages`).
 */

/** ISO 639-1 codes of the languages the line has texts for (domain/texts/caller-prompts-translations.ts). */
export const CALLER_LANGUAGE_CODES = ['en', 'ar', 'pt', 'es', 'tr', 'ro', 'ru', 'zh'] as const;
export type CallerLanguageCode = (typeof CALLER_LANGUAGE_CODES)[number];

/** The language of a French-speaking caller: every request made without choosing a language. */
export const FRENCH = 'fr';

/** The Amazon Polly voice a language is spoken with, as the Set voice action takes it. */
export interface PollyVoice {
  readonly kind: 'polly';
  /** Polly voice id, without accents ("Ines" for Inês). */
  readonly voiceId: string;
  /** The engine the voice supports in eu-central-1 (docs/translations-review.md says which and why). */
  readonly engine: 'Neural' | 'Standard';
  /** The voice's BCP 47 language code, for the reviewers' list. */
  readonly languageTag: string;
}

/**
 * A language without a Polly voice is spoken from recorded audio prompts instead. Declared so the
 * config can hold it; the flows do not build it yet, and synth refuses it (infra/flows/languages.ts).
 */
export interface RecordedPrompts {
  readonly kind: 'recorded';
  /** S3 prefix of the recorded prompts, one file per prompt key. */
  readonly promptsPrefix: string;
}

/** One language a stage offers. */
export interface CallerLanguage {
  readonly code: CallerLanguageCode;
  /** The one key that chooses it, in the queue and in the closed and nobody-available flows (2 to 9). */
  readonly key: string;
  readonly voice: PollyVoice | RecordedPrompts;
}

/** The languages a stage offers, and who calls back a caller who chose one. */
export interface CallerLanguagesConfig {
  readonly languages: readonly CallerLanguage[];
  /**
   * The association that returns callback requests left in another language than French, with an
   * interpreter (the line's listeners speak French only).
   */
  readonly interpreterPartnerId: PartnerId;
}

/** Whether a callback in this language needs an interpreter. */
export const needsInterpreter = (language: string): boolean => language !== FRENCH;
