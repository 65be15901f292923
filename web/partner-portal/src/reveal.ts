/**
 * An opened number stays on screen for 2 minutes at most, then it is hidden again (it can be
 * re-opened: each opening is audited). It is held in the component's state only, never stored.
 */

export const REVEAL_MS = 2 * 60_000;

/** Seconds before the number is hidden; 0 once it must be hidden. */
export function revealSecondsLeft(openedAtMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((REVEAL_MS - (nowMs - openedAtMs)) / 1000));
}

export function isRevealOver(openedAtMs: number, nowMs: number): boolean {
  return revealSecondsLeft(openedAtMs, nowMs) === 0;
}
