import { isAttemptOutcome, type PartnerOutcome } from '#domain/callbacks/record';

/**
 * The results a social worker records after a call, and which of them close the request (and delete
 * the number), so that the page asks for a confirmation before those.
 */

export type OutcomeChoiceId = 'noAnswer' | 'messageLeft' | 'reached' | 'wrongNumber' | 'declined' | 'unsafe';

export interface OutcomeChoice {
  readonly id: OutcomeChoiceId;
  readonly label: string;
  /** What the partner API records. */
  readonly outcome: PartnerOutcome;
  /** Offered only when the person allowed a message to be left. */
  readonly needsMessageAllowed?: boolean;
}

export const OUTCOME_CHOICES: readonly OutcomeChoice[] = [
  { id: 'noAnswer', label: 'Pas de réponse', outcome: 'unreachable' },
  // An attempt like "no answer": the person still has to be reached.
  { id: 'messageLeft', label: 'Message laissé', outcome: 'messageLeft', needsMessageAllowed: true },
  { id: 'reached', label: 'Personne jointe', outcome: 'reached' },
  { id: 'wrongNumber', label: 'Faux numéro', outcome: 'wrongNumber' },
  { id: 'declined', label: "La personne ne souhaite pas d'aide", outcome: 'declined' },
  { id: 'unsafe', label: 'Appel dangereux pour la personne', outcome: 'unsafe' },
];

/** The choices offered for a request: "message left" only if a message may be left. */
export function choicesFor(mayLeaveMessage: boolean): OutcomeChoice[] {
  return OUTCOME_CHOICES.filter((choice) => mayLeaveMessage || !choice.needsMessageAllowed);
}

/** True when recording `choice` closes the request: any result but an attempt, or the last attempt. */
export function closesRequest(choice: OutcomeChoice, attempts: number, maxAttempts: number): boolean {
  return !isAttemptOutcome(choice.outcome) || attempts + 1 >= maxAttempts;
}

/** The outcome form's state: a closing choice waits for confirmation; nothing is sent twice. */
export type OutcomeFormState =
  | { readonly step: 'choosing' }
  | { readonly step: 'confirming'; readonly choice: OutcomeChoice }
  | { readonly step: 'sending'; readonly choice: OutcomeChoice }
  | { readonly step: 'recorded'; readonly choice: OutcomeChoice }
  | { readonly step: 'failed'; readonly choice: OutcomeChoice; readonly message: string };

export type OutcomeFormEvent =
  | { readonly type: 'choose'; readonly choice: OutcomeChoice; readonly closes: boolean }
  | { readonly type: 'confirm' }
  | { readonly type: 'cancel' }
  | { readonly type: 'succeeded' }
  | { readonly type: 'failed'; readonly message: string };

/** Moves the form; returns the same state when an event does not apply (e.g. a second click while sending). */
export function outcomeFormReducer(state: OutcomeFormState, event: OutcomeFormEvent): OutcomeFormState {
  switch (event.type) {
    case 'choose':
      if (state.step === 'sending' || state.step === 'confirming') return state;
      return event.closes
        ? { step: 'confirming', choice: event.choice }
        : { step: 'sending', choice: event.choice };
    case 'confirm':
      return state.step === 'confirming' ? { step: 'sending', choice: state.choice } : state;
    case 'cancel':
      return state.step === 'confirming' ? { step: 'choosing' } : state;
    case 'succeeded':
      return state.step === 'sending' ? { step: 'recorded', choice: state.choice } : state;
    case 'failed':
      return state.step === 'sending'
        ? { step: 'failed', choice: state.choice, message: event.message }
        : state;
  }
}

/** True when the form must send the API call: it just entered `sending`. */
export const isSending = (state: OutcomeFormState): boolean => state.step === 'sending';
