import { randomUUID } from 'node:crypto';
import { type FlowAction, STORED_CUSTOMER_INPUT } from '../../infra/flows/language';
import { speaksEmergencyNumbers } from '../../infra/flows/validator';
import {
  type CallScenario,
  type ContactEventType,
  type InterpreterDeps,
  InterpreterError,
  type LambdaCall,
  type LiveParticipants,
  type ObservedCall,
  type ResourceOverride,
  type TranscriptEntry,
  type TranscriptKind,
} from './interpreter-types';
import { ClockInterrupted, SimulatedClock, speakingSeconds } from './simulated-clock';
import type { DeployedFlow } from './template-flows';

/** The caller hung up, as the scenario says: the flow stops where it is. */
export class CallerHungUp extends Error {}

/**
 * Everything one call holds while its flows run: the contact as Connect keeps it (attributes, stored
 * input, target queue, event hooks), its simulated time, and what the transcript will tell.
 */
export class CallState implements ObservedCall {
  readonly contactId: string;
  readonly clock: SimulatedClock;
  /** Keys still to press, one entry per input. */
  readonly keys: string[];
  readonly entries: TranscriptEntry[] = [];
  readonly prompts: string[] = [];
  readonly voices: string[] = [];
  /** The contact's text-to-speech voice, as the last Set voice left it. */
  voice: string | undefined;
  readonly whisper: string[] = [];
  readonly inputs: string[] = [];
  readonly lambdaCalls: LambdaCall[] = [];
  readonly flowNames: string[] = [];
  readonly events: ContactEventType[] = [];
  readonly attributes: Record<string, string> = {};
  /** Flow attributes live as long as one flow run. */
  flowAttributes: Record<string, string> = {};
  /** The last Lambda's answer (`$.External`). */
  external: Record<string, string> = {};
  storedInput: string | undefined;
  /** Flows hooked to the contact (CustomerQueue, AgentWhisper), by hook name. */
  readonly hooks: Record<string, string> = {};
  targetQueueArn: string | undefined;
  emergencyHeard = false;
  emergencyBeforeQueue = true;
  enqueuedAtMs: number | undefined;
  /** When a staffed listener picks up; Infinity until queued with someone staffed. */
  answerAtMs = Number.POSITIVE_INFINITY;
  inQueue = false;
  callbackStored = false;
  lastEventId = 0;
  /** Real people on the call, when it is live (the line console). */
  readonly live: LiveParticipants | undefined;
  /** Overrides waiting for their resource's next use, by resource ARN, oldest first. */
  private readonly overrides = new Map<string, ResourceOverride[]>();

  constructor(
    readonly deps: InterpreterDeps,
    readonly scenario: CallScenario,
  ) {
    this.contactId = scenario.contactId ?? randomUUID();
    this.clock = new SimulatedClock(scenario.at.getTime());
    this.keys = [...(scenario.keys ?? [])];
    this.live = scenario.live;
  }

  press(keys: string): void {
    this.keys.push(keys);
  }

  override(resourceArn: string, override: ResourceOverride): void {
    this.overrides.set(resourceArn, [...(this.overrides.get(resourceArn) ?? []), override]);
  }

  /** The override waiting for `resourceArn`, consumed; undefined when none. */
  takeOverride(resourceArn: string): ResourceOverride | undefined {
    return this.overrides.get(resourceArn)?.shift();
  }

  end(): never {
    this.note('Connect', 'end', 'Fin du test');
    throw new CallerHungUp();
  }

  /** Seconds in queue, up to the answer or to now. */
  waitSeconds(): number {
    const end = Math.min(this.clock.now, this.answerAtMs);
    return Math.round((end - (this.enqueuedAtMs ?? end)) / 1000);
  }

  /** Value of a JSONPath reference the line uses; undefined when absent. */
  lookup(path: string): string | undefined {
    if (path === STORED_CUSTOMER_INPUT) return this.storedInput;
    const system: Record<string, string | undefined> = {
      '$.ContactId': this.contactId,
      '$.InitialContactId': this.contactId,
      '$.Channel': 'VOICE',
      '$.InstanceARN': this.deps.flows.instanceArn,
      '$.CustomerEndpoint.Address': this.scenario.callingNumber ?? undefined,
      '$.Queue.ARN': this.targetQueueArn,
      '$.Queue.Name': this.targetQueueArn === undefined ? undefined : 'Écoute',
    };
    if (Object.hasOwn(system, path)) return system[path];
    const [, namespace, key] = /^\$\.(External|Attributes|FlowAttributes)\.(.+)$/.exec(path) ?? [];
    if (key === undefined) throw new InterpreterError(`unsupported reference ${path}`);
    const source =
      namespace === 'External'
        ? this.external
        : namespace === 'Attributes'
          ? this.attributes
          : this.flowAttributes;
    return source[key];
  }

  /** A whole-value reference resolved (empty when absent), or a text with its references replaced. */
  lookupOrText(value: string): string {
    return /^\$\.[A-Za-z0-9_.]+$/.test(value) ? (this.lookup(value) ?? '') : this.text(value);
  }

  /** Replaces `$.Namespace.key` references inside a text, as Connect does for dynamic prompts. */
  text(value: string): string {
    return value.replace(/\$\.[A-Za-z]+(?:\.[A-Za-z0-9_]+)?/g, (reference) => this.lookup(reference) ?? '');
  }

  /** The caller (or, in a whisper flow, the listener) hears `text`; time passes while it is spoken. */
  async say(flow: DeployedFlow, action: FlowAction, text: string): Promise<void> {
    this.recordPrompt(flow, action, text);
    await this.play(this.clock.now + speakingSeconds(text) * 1000);
  }

  /**
   * Plays until `targetMs` (Infinity: until interrupted, live calls only): at once on a simulated call,
   * through the live participants' time on a live one.
   * @throws as `advanceTo` does, and as `interruptIfLive` does.
   */
  async play(targetMs: number): Promise<void> {
    if (this.live !== undefined) {
      const passed = await this.live.pass(targetMs - this.clock.now, this.inQueue);
      this.interruptIfLive(this.clock.now + passed);
    }
    this.advanceTo(targetMs);
  }

  /**
   * The caller's keys at one input: the scenario's next entry, or what the live caller keys.
   * @throws as `interruptIfLive` does.
   */
  async nextKeys(timeLimitMs: number, terminator: string | undefined): Promise<string | undefined> {
    if (this.live === undefined) return this.keys.shift();
    const startMs = Date.now();
    const keys = await this.live.keys(
      { timeLimitMs, ...(terminator === undefined ? {} : { terminator }) },
      this.inQueue,
    );
    this.interruptIfLive(this.clock.now + (Date.now() - startMs));
    return keys;
  }

  /**
   * On a live call, stops what plays at `atMs` when the caller has hung up or a listener accepted the
   * queued call.
   * @throws CallerHungUp, or ClockInterrupted with the listener's answer at `atMs`.
   */
  interruptIfLive(atMs: number): void {
    if (this.live === undefined) return;
    if (this.live.callerHungUp) {
      this.clock.setTo(atMs);
      throw new CallerHungUp();
    }
    if (this.inQueue && this.live.listenerAccepted) {
      this.clock.setTo(atMs);
      this.answerAtMs = atMs;
      throw new ClockInterrupted();
    }
  }

  /** Records a sentence as heard, without moving time. */
  recordPrompt(flow: DeployedFlow, action: FlowAction, text: string): void {
    if (flow.type === 'AGENT_WHISPER') {
      this.whisper.push(text);
      this.note(flow.name, 'whisper', text, action.Identifier);
      return;
    }
    this.prompts.push(text);
    this.voices.push(this.voice ?? 'default');
    if (speaksEmergencyNumbers(action)) this.emergencyHeard = true;
    this.note(flow.name, 'prompt', text, action.Identifier, this.voice);
    this.scenario.observer?.messageReceived(text, this);
  }

  /**
   * Moves simulated time; in queue, a listener answering interrupts whatever is playing.
   * @throws ClockInterrupted when the listener answers first; CallerHungUp when the caller hangs up.
   */
  advanceTo(targetMs: number): void {
    this.clock.playUntil(targetMs);
    const rule = this.scenario.hangUpAfter;
    if (rule !== undefined && 'prompts' in rule && this.prompts.length >= rule.prompts)
      throw new CallerHungUp();
  }

  /** Adds a line to the transcript, at the current simulated time. */
  note(flow: string, kind: TranscriptKind, text: string, actionId?: string, voice?: string): void {
    const entry: TranscriptEntry = {
      atSeconds: this.clock.secondsSinceStart(),
      flow,
      kind,
      text,
      ...(actionId === undefined ? {} : { actionId }),
      ...(voice === undefined ? {} : { voice }),
    };
    this.entries.push(entry);
    this.live?.noted(entry);
  }
}
