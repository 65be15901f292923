import type { LiveParticipants, TranscriptEntry } from '../flow-interpreter/interpreter-types';

/**
 * One call of the line console: the caller and the listener in the browser, acting in real time on a
 * call the flow interpreter runs. The browser's keys, accept and hang-ups land here; the call's
 * transcript lines and state changes go out to whoever listens (the console's event stream).
 */

/** Where a live call stands, as the panels show it. */
export type LiveCallPhase = 'ivr' | 'queued' | 'connected' | 'ended';

/** What the console's event stream carries. */
export type LiveCallEvent =
  | {
      readonly type: 'entry';
      readonly entry: TranscriptEntry;
      /** The BCP 47 language the browser should speak a prompt in (the caller's chosen language). */
      readonly speechLanguage: string;
    }
  | { readonly type: 'phase'; readonly phase: LiveCallPhase }
  | { readonly type: 'ended'; readonly outcome: string }
  | { readonly type: 'failed'; readonly message: string };

/** The language of every prompt spoken before, or without, a language choice. */
export const FRENCH_SPEECH = 'fr-FR';

/** The keys a caller may press on a phone keypad. */
export const KEYPAD_KEYS = /^[0-9*#]$/;

/** Something waiting for the participants: woken by any key, accept or hang-up. */
type Waiter = () => void;

export class LiveCall implements LiveParticipants {
  callerHungUp = false;
  listenerAccepted = false;
  private talkEnded = false;
  private phaseNow: LiveCallPhase = 'ivr';
  private pendingKeys: string[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly listeners = new Set<(event: LiveCallEvent) => void>();
  /** Every event so far, replayed to a late subscriber (a page reloaded mid-call). */
  readonly history: LiveCallEvent[] = [];

  /**
   * @param contactId the call's contact id
   * @param speed how many seconds of the call pass in one real second (1: real time)
   * @param speechLanguageOf the language a prompt's Polly voice speaks (French without one)
   */
  constructor(
    readonly contactId: string,
    private readonly speed: number,
    private readonly speechLanguageOf: (voice: string | undefined) => string = () => FRENCH_SPEECH,
  ) {}

  get phase(): LiveCallPhase {
    return this.phaseNow;
  }

  /** Receives every event, past and future; returns how to stop receiving. */
  subscribe(listener: (event: LiveCallEvent) => void): () => void {
    for (const event of this.history) listener(event);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: LiveCallEvent): void {
    this.history.push(event);
    if (event.type === 'phase') this.phaseNow = event.phase;
    if (event.type === 'ended' || event.type === 'failed') this.phaseNow = 'ended';
    for (const listener of this.listeners) listener(event);
  }

  /** The caller presses one key. */
  press(key: string): void {
    this.pendingKeys.push(key);
    this.wake();
  }

  /** The caller hangs up (at any moment), or the listener ends the talk. */
  hangUp(by: 'caller' | 'listener'): void {
    if (by === 'caller') this.callerHungUp = true;
    this.talkEnded = true;
    this.wake();
  }

  /**
   * A listener accepts the queued call.
   * @returns false when the call is not waiting in queue
   */
  accept(): boolean {
    if (this.phaseNow !== 'queued' || this.callerHungUp) return false;
    this.listenerAccepted = true;
    this.wake();
    return true;
  }

  noted(entry: TranscriptEntry): void {
    // The contact event Connect publishes when the call enters the queue.
    if (entry.kind === 'event' && entry.text === 'QUEUED') this.publish({ type: 'phase', phase: 'queued' });
    this.publish({ type: 'entry', entry, speechLanguage: this.speechLanguageOf(entry.voice) });
  }

  async pass(ms: number, inQueue: boolean): Promise<number> {
    const started = Date.now();
    const woken = await this.until(ms / this.speed, () => this.interrupted(inQueue));
    return woken === 'timeout' ? ms : (Date.now() - started) * this.speed;
  }

  async keys(
    input: { timeLimitMs: number; terminator?: string },
    inQueue: boolean,
  ): Promise<string | undefined> {
    // Keys pressed while a prompt played count for the input that follows it, as on a phone.
    let keyed = '';
    for (;;) {
      for (let key = this.pendingKeys.shift(); key !== undefined; key = this.pendingKeys.shift()) {
        keyed += key;
        if (input.terminator === undefined || keyed.endsWith(input.terminator)) return keyed;
      }
      if (this.interrupted(inQueue)) return undefined;
      const woken = await this.until(
        input.timeLimitMs / this.speed,
        () => this.pendingKeys.length > 0 || this.interrupted(inQueue),
      );
      // The time limit passed after the last key: what was keyed so far, or nothing.
      if (woken === 'timeout') return keyed === '' ? undefined : keyed;
    }
  }

  async talk(): Promise<number> {
    this.publish({ type: 'phase', phase: 'connected' });
    const started = Date.now();
    await this.until(Number.POSITIVE_INFINITY, () => this.talkEnded);
    return (Date.now() - started) * this.speed;
  }

  private interrupted(inQueue: boolean): boolean {
    return this.callerHungUp || (inQueue && this.listenerAccepted);
  }

  /** Waits `ms` of real time or until `done()`: which came first. */
  private until(ms: number, done: () => boolean): Promise<'done' | 'timeout'> {
    if (done()) return Promise.resolve('done');
    if (ms <= 0) return Promise.resolve('timeout');
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (how: 'done' | 'timeout') => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(how);
      };
      const waiter: Waiter = () => {
        if (done()) finish('done');
      };
      if (Number.isFinite(ms)) timer = setTimeout(() => finish('timeout'), ms);
      this.waiters.add(waiter);
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
