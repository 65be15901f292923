import type { CallerLanguage } from '#domain/caller-languages';
import { EMERGENCY_NUMBERS } from '#domain/texts/caller-prompts';
import {
  CALLER_PROMPT_TRANSLATIONS,
  type CallerTranslation,
  TRANSLATED_PROMPT_KEYS,
} from '#domain/texts/caller-prompts-translations';
import { LANGUAGE_NAMES_IN_FRENCH } from '#domain/texts/partner-messages';
import { FRENCH_VOICE } from '../builder';
import type { FlowAction, FlowDocument } from '../language';
import { targets } from './actions';
import type { FlowIssue, ReportIssue } from './issues';
import { speaksEmergencyNumbers } from './safety';

/**
 * Languages pass: a voice Connect refuses never strands a caller (every Set voice action's error branch
 * sets French again and goes on), and the offer of another language never comes before the emergency
 * numbers in French. Beside it, the texts check: every configured language has every prompt, and its
 * emergency message holds 17, 114 and 3919.
 */

const isSetVoice = (action: FlowAction | undefined): action is FlowAction =>
  action?.Type === 'UpdateContactTextToSpeechVoice';
const isFrench = (action: FlowAction): boolean => action.Parameters.TextToSpeechVoice === FRENCH_VOICE.voice;
const errorTarget = (action: FlowAction): string | undefined =>
  action.Transitions.Errors?.find((error) => error.ErrorType === 'NoMatchingError')?.NextAction;

/** Reports a Set voice action whose error branch does not fall back to French and go on. */
export function checkVoiceFallbacks(byId: ReadonlyMap<string, FlowAction>, report: ReportIssue): void {
  for (const action of byId.values()) {
    if (!isSetVoice(action)) continue;
    const onError = errorTarget(action);
    if (isFrench(action)) {
      // The French voice failing: the caller goes on, in whatever voice the contact has.
      if (onError !== action.Transitions.NextAction) {
        report(
          'voice-fallback',
          'the French voice’s error branch does not go on where success goes',
          action.Identifier,
        );
      }
      continue;
    }
    const fallback = onError === undefined ? undefined : byId.get(onError);
    if (!isSetVoice(fallback) || !isFrench(fallback)) {
      report(
        'voice-fallback',
        `the error branch of voice ${String(action.Parameters.TextToSpeechVoice)} does not set the French voice (${FRENCH_VOICE.voice})`,
        action.Identifier,
      );
      continue;
    }
    const goesOn = fallback.Transitions.NextAction;
    if (goesOn === undefined || byId.get(goesOn)?.Type === 'DisconnectParticipant') {
      report('voice-fallback', 'the fallback to French does not go on with the call', action.Identifier);
    }
  }
}

/** Reports another language's voice reached on a path before the emergency numbers were heard. */
export function checkLanguageAfterEmergency(
  document: FlowDocument,
  byId: ReadonlyMap<string, FlowAction>,
  report: ReportIssue,
): void {
  const seen = new Set<string>();
  const reported = new Set<string>();
  const stack: { id: string; heard: boolean }[] = [{ id: document.StartAction, heard: false }];
  for (let state = stack.pop(); state !== undefined; state = stack.pop()) {
    const key = `${state.id}|${state.heard}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const action = byId.get(state.id) as FlowAction;
    if (isSetVoice(action) && !isFrench(action) && !state.heard && !reported.has(action.Identifier)) {
      reported.add(action.Identifier);
      report(
        'language-before-emergency',
        'another language is offered before the emergency numbers (17, 114, 3919) in French',
        action.Identifier,
      );
    }
    const heard = state.heard || speaksEmergencyNumbers(action);
    for (const target of targets(action)) stack.push({ id: target.next, heard });
  }
}

const holdsEmergencyNumbers = (text: string): boolean => {
  const digits = text.replace(/\s+/g, '');
  return EMERGENCY_NUMBERS.every((number) => digits.includes(number));
};

/**
 * Checks the configured languages against their texts: every prompt present and not empty, the
 * emergency message holding 17, 114 and 3919, one key each (2 to 9), a Polly voice (recorded prompts
 * are not played yet). `translations` is a parameter so tests can break it.
 */
export function validateLanguages(
  languages: readonly CallerLanguage[],
  translations: Readonly<Record<string, Partial<CallerTranslation>>> = CALLER_PROMPT_TRANSLATIONS,
): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const report = (code: string, message: string) =>
    issues.push({ flow: `langue ${code}`, rule: 'language-texts', message });
  const keys = new Set<string>();
  for (const language of languages) {
    const code = language.code;
    const texts = translations[code];
    if (!(code in LANGUAGE_NAMES_IN_FRENCH)) report(code, 'no French name for this language');
    if (!/^[2-9]$/.test(language.key))
      report(code, `key "${language.key}" is not one of 2 to 9 (1 asks for a callback)`);
    if (keys.has(language.key)) report(code, `key ${language.key} already chooses another language`);
    keys.add(language.key);
    if (language.voice.kind !== 'polly')
      report(code, 'recorded prompts are declared but not played by the flows yet');
    if (texts === undefined) {
      report(code, 'no texts for this language');
      continue;
    }
    for (const key of TRANSLATED_PROMPT_KEYS) {
      const text = key === 'offer' ? texts.offer?.(language.key) : texts[key];
      if (typeof text !== 'string' || text.trim() === '') report(code, `prompt "${key}" is missing`);
    }
    if (typeof texts.emergencyNumbers === 'string' && !holdsEmergencyNumbers(texts.emergencyNumbers)) {
      report(code, `the emergency message does not hold ${EMERGENCY_NUMBERS.join(', ')}`);
    }
    const offer = texts.offer?.(language.key);
    if (offer !== undefined && !offer.includes(language.key)) report(code, 'the offer does not say its key');
  }
  return issues;
}
