import type { StageConfig } from '#domain/stage';
import { FRENCH_SPEECH } from './live-call';

/**
 * The language the browser should speak each prompt in: the caller's language once her key has set its
 * Polly voice (from the stage's own list, not a copy), French otherwise.
 */
export function speechLanguageOf(config: StageConfig): (voice: string | undefined) => string {
  const byVoice = new Map<string, string>();
  for (const language of config.callerLanguages.languages) {
    if (language.voice.kind === 'polly') byVoice.set(language.voice.voiceId, language.code);
  }
  return (voice) => (voice === undefined ? undefined : byVoice.get(voice)) ?? FRENCH_SPEECH;
}
