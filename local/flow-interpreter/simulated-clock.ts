/**
 * Simulated time for one call: nothing waits for real. Prompts take their speaking time, key timeouts
 * and queue waits their seconds, and a moment can be set at which time stops and what plays is cut off
 * (a listener picking up while the caller hears the queue flow).
 */

/** Seconds a French TTS voice takes to say `text`: about 2.5 words a second. */
export function speakingSeconds(text: string): number {
  return Math.max(1, Math.round(text.split(/\s+/).length / 2.5));
}

/** Time reached the interruption moment; the clock stands at that moment. */
export class ClockInterrupted extends Error {}

/** The time of one call, from the moment it starts. */
export class SimulatedClock {
  private nowMs: number;
  private interruptAtMs = Number.POSITIVE_INFINITY;

  constructor(readonly startMs: number) {
    this.nowMs = startMs;
  }

  /** The simulated time, in epoch milliseconds. */
  get now(): number {
    return this.nowMs;
  }

  /** Whole seconds since the call started, as the transcript shows them. */
  secondsSinceStart(): number {
    return Math.round((this.nowMs - this.startMs) / 1000);
  }

  /** Sets the time, past any interruption moment (a jump the call makes, not something playing). */
  setTo(ms: number): void {
    this.nowMs = ms;
  }

  /** Moves time on by `ms`, past any interruption moment (e.g. a Lambda's real duration). */
  moveBy(ms: number): void {
    this.nowMs += ms;
  }

  /** From now on, reaching `ms` interrupts whatever plays; Infinity for never. */
  interruptAt(ms: number): void {
    this.interruptAtMs = ms;
  }

  /**
   * Plays until `targetMs`.
   * @throws ClockInterrupted, with the clock at the interruption moment, when `targetMs` reaches it.
   */
  playUntil(targetMs: number): void {
    if (targetMs >= this.interruptAtMs) {
      this.nowMs = this.interruptAtMs;
      throw new ClockInterrupted();
    }
    this.nowMs = targetMs;
  }
}
