import type { LineHours } from '#domain/time/line-hours';
import type { FlowAction } from '../../infra/flows/language';
import type { TemplateFlows } from './template-flows';

/**
 * The vocabulary of the flow interpreter: what a scenario asks for, what a call reports, the ports to
 * Lambdas and EventBridge, and how a flow run ends.
 */

/** Lambda faults a scenario can inject: a throw, running past the time limit, or a malformed answer. */
export type LambdaFault = 'error' | 'timeout' | 'invalid';

/** How a Lambda invocation ended, as the lambda runtime reports it. */
export type LambdaOutcome =
  | { readonly ok: true; readonly result: unknown; readonly durationMs: number }
  | {
      readonly ok: false;
      readonly error: { readonly name: string; readonly message: string };
      readonly durationMs: number;
    };

/** Runs a real handler (`functions/<name>`) with a contact flow event. */
export interface LambdaPort {
  invoke(functionName: string, event: unknown, timeLimitMs: number): Promise<LambdaOutcome>;
}

/** Receives the contact events Connect would publish to EventBridge. */
export interface ContactEventSink {
  send(event: ContactEventEnvelope): Promise<void>;
}

/** The Amazon Connect contact events the interpreter publishes, in the order a call can raise them. */
export type ContactEventType = 'INITIATED' | 'QUEUED' | 'CONNECTED_TO_AGENT' | 'DISCONNECTED';

/** A contact event in the envelope EventBridge delivers it in. */
export interface ContactEventEnvelope {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': 'Amazon Connect Contact Event';
  readonly source: 'aws.connect';
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Readonly<Record<string, unknown>>;
}

/** What happens on one simulated call: when, who is staffed, what the caller does, which Lambdas fail. */
export interface CallScenario {
  /** When the call starts. */
  readonly at: Date;
  /** Listeners staffed on the queue. */
  readonly staffed: number;
  /** What the caller keys, one entry per input; `-` (or an exhausted list) means no key (timeout). */
  readonly keys?: readonly string[];
  /** Faults injected into Lambdas, by function folder. */
  readonly faults?: Readonly<Partial<Record<string, LambdaFault>>>;
  /** The caller hangs up after this action id, or after hearing this many prompts. */
  readonly hangUpAfter?: { readonly actionId: string } | { readonly prompts: number };
  /** Seconds in queue before a staffed listener answers. @default 20 */
  readonly answerAfterSeconds?: number;
  /** Seconds of conversation once answered. @default 600 */
  readonly talkSeconds?: number;
  /** Seconds a caller waits in queue before giving up. @default 1800 */
  readonly patienceSeconds?: number;
  /** The number the caller dials from; null for a withheld number. @default a French mobile */
  readonly callingNumber?: string | null;
  /** @default a random UUID */
  readonly contactId?: string;
  /**
   * Polly voices the Set voice action refuses on this call (as Connect does for a voice or engine it does
   * not offer): the action takes its error branch.
   */
  readonly failingVoices?: readonly string[];
  /** Sees each prompt and each action as it starts, and may act on the call (a test-case executor). */
  readonly observer?: CallObserver;
  /**
   * A caller and a listener acting in real time (the line console): the call then waits for their keys,
   * their accept and their hang-up instead of `keys`, `hangUpAfter`, `answerAfterSeconds`,
   * `talkSeconds` and `patienceSeconds`.
   */
  readonly live?: LiveParticipants;
}

/**
 * People on a live call. The interpreter lets the call's time pass through them, so it runs at their
 * pace; they may hang up (the caller) or accept the call in queue (a listener) at any moment.
 */
export interface LiveParticipants {
  /** The caller has hung up. */
  readonly callerHungUp: boolean;
  /** A listener has accepted the call waiting in queue. */
  readonly listenerAccepted: boolean;
  /**
   * Lets `ms` of the call pass (Infinity: until interrupted); resolves early when the caller hangs up
   * or, `inQueue`, a listener accepts. Resolves with the milliseconds of the call that passed.
   */
  pass(ms: number, inQueue: boolean): Promise<number>;
  /**
   * The caller's keys at one input: the first key, or with a `terminator` every key up to and with it.
   * Resolves undefined when no key comes within `timeLimitMs` (from the last key), or early on an
   * interruption as `pass` does.
   */
  keys(
    input: { readonly timeLimitMs: number; readonly terminator?: string },
    inQueue: boolean,
  ): Promise<string | undefined>;
  /** The listener's talk with the caller, until either hangs up; resolves with its milliseconds. */
  talk(): Promise<number>;
  /** Each transcript line, as the call writes it. */
  noted(entry: TranscriptEntry): void;
}

/**
 * A resource behaving differently for its next use in a call, as a Connect test case's
 * OverrideSystemBehavior makes it: consumed once, first set first used.
 */
export type ResourceOverride =
  | { readonly kind: 'hours'; readonly open: boolean }
  | { readonly kind: 'lambda-answer'; readonly answer: unknown; readonly delaySeconds: number }
  | { readonly kind: 'lambda-substitute'; readonly functionArn: string };

/** What an observer may do to the call it observes. */
export interface ObservedCall {
  /** Value of a JSONPath reference of the contact (`$.Attributes.x`, `$.External.y`…). */
  lookup(path: string): string | undefined;
  /** Keys the caller presses at the next input. */
  press(keys: string): void;
  /** Overrides the next use of the resource `resourceArn` (as the flows name it). */
  override(resourceArn: string, override: ResourceOverride): void;
  /**
   * Ends the call where it stands, as a Connect test's EndTest does.
   * @throws always: the interpreter stops the call
   */
  end(): never;
}

/** Watches a call: the caller hearing a prompt, an action starting. */
export interface CallObserver {
  messageReceived(text: string, call: ObservedCall): void;
  actionStarted(action: FlowAction, flowName: string, call: ObservedCall): void;
}

/** How a call ended, from the caller's side. */
export type CallOutcome =
  | 'answered'
  | 'callback-stored'
  | 'disconnected-by-line'
  | 'abandoned-in-ivr'
  | 'missed-in-queue';

/** What a transcript line records. */
export type TranscriptKind =
  | 'prompt'
  | 'whisper'
  | 'input'
  | 'branch'
  | 'lambda'
  | 'setting'
  | 'queue'
  | 'event'
  | 'end';

/** One line of a call's transcript. */
export interface TranscriptEntry {
  /** Seconds since the call started (simulated time). */
  readonly atSeconds: number;
  readonly flow: string;
  readonly actionId?: string;
  readonly kind: TranscriptKind;
  readonly text: string;
  /** The Polly voice a prompt was spoken with, once a Set voice action chose one. */
  readonly voice?: string;
}

/** One Lambda invocation by a flow, as the transcript keeps it. */
export interface LambdaCall {
  readonly functionName: string;
  readonly actionId: string;
  /** Invocation attributes, with the keyed number masked. */
  readonly parameters: Readonly<Record<string, string>>;
  readonly ok: boolean;
  readonly result?: Readonly<Record<string, string>>;
  readonly error?: string;
  readonly fault?: LambdaFault;
  readonly durationMs: number;
}

/** Everything a simulated call did, for assertions and printing. */
export interface CallTranscript {
  readonly contactId: string;
  readonly outcome: CallOutcome;
  /** Every sentence the caller heard, in order. */
  readonly prompts: readonly string[];
  /** The voice each prompt was spoken with, index by index ("default" before any Set voice). */
  readonly voices: readonly string[];
  /** What the listener heard in the whisper, if answered. */
  readonly whisper: readonly string[];
  readonly inputs: readonly string[];
  readonly lambdas: readonly LambdaCall[];
  /** Flow names, in the order the call went through them. */
  readonly flows: readonly string[];
  readonly events: readonly ContactEventType[];
  /** The caller heard 17, 114 and 3919 before entering the queue (or never entered it). */
  readonly emergencyNumbersBeforeQueue: boolean;
  readonly emergencyNumbersHeard: boolean;
  readonly queued: boolean;
  readonly waitSeconds?: number;
  readonly entries: readonly TranscriptEntry[];
}

/** The flows or the interpreter itself went wrong (not a Lambda fault, which takes the Error branch). */
export class InterpreterError extends Error {
  constructor(
    message: string,
    readonly flow?: string,
    readonly actionId?: string,
  ) {
    super(
      flow === undefined ? message : `Flow "${flow}"${actionId ? `, action "${actionId}"` : ''}: ${message}`,
    );
    this.name = 'InterpreterError';
  }
}

/** What the interpreter runs calls against: the deployed flows, Lambdas, contact events and opening hours. */
export interface InterpreterDeps {
  readonly flows: TemplateFlows;
  readonly lambdas: LambdaPort;
  readonly contactEvents: ContactEventSink;
  readonly hours: LineHours;
}

/** Why a flow run stopped. */
export type FlowExit =
  | { kind: 'queued' }
  | { kind: 'transfer'; flowArn: string }
  | { kind: 'disconnect' }
  | { kind: 'end' }
  | { kind: 'hangup' }
  | { kind: 'answered' };
