/** Says the line's prompts with the browser's speech synthesis, in the prompt's language when it has a voice. */

const primary = (tag: string) => tag.replace('_', '-').split('-')[0]?.toLowerCase();

/**
 * Speaks `text` in `language` (BCP 47: "fr-FR", "ar", "zh"…), with a voice of that language when the
 * browser has one; does nothing where the browser has no speech synthesis.
 */
export function speak(text: string, language = 'fr-FR'): void {
  const synthesis = globalThis.speechSynthesis;
  if (synthesis === undefined || typeof SpeechSynthesisUtterance === 'undefined') return;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = language;
  const voice = synthesis.getVoices().find((candidate) => primary(candidate.lang) === primary(language));
  if (voice !== undefined) utterance.voice = voice;
  synthesis.speak(utterance);
}

/** Stops what is being said and everything queued. */
export function silence(): void {
  globalThis.speechSynthesis?.cancel();
}
