/**
 * Idle sign-out: after 10 minutes without a key press, click or touch, the portal signs out, so a
 * screen left open does not show a person's requests. The last minute is counted down on screen.
 */

export const IDLE_TIMEOUT_MS = 10 * 60_000;
export const IDLE_WARNING_MS = 60_000;

export type IdlePhase =
  | { readonly phase: 'active' }
  | { readonly phase: 'warning'; readonly secondsLeft: number }
  | { readonly phase: 'expired' };

/** Where the session stands at `now`, given the last user activity. */
export function idlePhase(lastActivityMs: number, nowMs: number): IdlePhase {
  const left = IDLE_TIMEOUT_MS - (nowMs - lastActivityMs);
  if (left <= 0) return { phase: 'expired' };
  if (left <= IDLE_WARNING_MS) return { phase: 'warning', secondsLeft: Math.ceil(left / 1000) };
  return { phase: 'active' };
}

/** The live region speaks once as each of these is reached; the visible countdown changes every second. */
export const ANNOUNCED_AT = [60, 30, 10] as const;

/**
 * Which announcement is due at `secondsLeft`: the last threshold reached, so one missed second (a
 * busy or background tab) still speaks it, once.
 */
export function announcementStep(secondsLeft: number): number | undefined {
  return [...ANNOUNCED_AT].reverse().find((threshold) => secondsLeft <= threshold);
}

/** What screen readers hear when a step is reached. */
export function idleAnnouncement(secondsLeft: number): string {
  return `Déconnexion automatique dans ${secondsLeft} secondes. Appuyez sur « Rester connecté·e » pour continuer.`;
}

/** "0:59" from seconds. */
export function formatCountdown(seconds: number): string {
  const safe = Math.max(0, seconds);
  return `${Math.floor(safe / 60)}:${String(safe % 60).padStart(2, '0')}`;
}
