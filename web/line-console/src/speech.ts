/** Says the line's prompts with the browser's speech synthesis, in a French voice when there is one. */

/** Speaks `text` in French; does nothing where the browser has no speech synthesis. */
export function speak(text: string): void {
  const synthesis = globalThis.speechSynthesis;
  if (synthesis === undefined || typeof SpeechSynthesisUtterance === 'undefined') return;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = 'fr-FR';
  const voice = synthesis.getVoices().find((candidate) => candidate.lang.replace('_', '-').startsWith('fr'));
  if (voice !== undefined) utterance.voice = voice;
  synthesis.speak(utterance);
}

/** Stops what is being said and everything queued. */
export function silence(): void {
  globalThis.speechSynthesis?.cancel();
}
