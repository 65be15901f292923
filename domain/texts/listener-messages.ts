/**
 * Every sentence a listener reads or hears: the whisper as a call connects.
 */

/** What the listener hears as the call connects (agent whisper): this line, and how long the wait was. */
export const LISTENER_WHISPER = {
  shortWait: 'Appel Un premier pas. Attente de moins d’une minute.',
  longWait: 'Appel Un premier pas. Attente de plus de quinze minutes.',
  /** `minutesPath` is the flow-language reference Connect replaces with the minutes waited. */
  minutes: (minutesPath: string) => `Appel Un premier pas. Attente d’environ ${minutesPath} minutes.`,
} as const;
