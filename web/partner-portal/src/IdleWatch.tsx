import { useEffect, useRef, useState } from 'react';
import { useNow } from './hooks';
import { announcementStep, formatCountdown, idleAnnouncement, idlePhase } from './idle';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

/**
 * Signs the user out after 10 minutes without activity. During the last minute a banner counts down,
 * with a button to stay; a live region speaks at 60, 30 and 10 seconds.
 */
export function IdleWatch({ onExpire }: { readonly onExpire: () => void }) {
  const lastActivity = useRef(Date.now());
  const [, setTick] = useState(0);
  const now = useNow(1000);
  const state = idlePhase(lastActivity.current, now);

  useEffect(() => {
    const onActivity = () => {
      // Activity during the warning does not count: staying takes the explicit button.
      if (idlePhase(lastActivity.current, Date.now()).phase === 'active') lastActivity.current = Date.now();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true });
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity);
    };
  }, []);

  const expired = state.phase === 'expired';
  useEffect(() => {
    if (expired) onExpire();
  }, [expired, onExpire]);

  const stay = () => {
    lastActivity.current = Date.now();
    setTick((tick) => tick + 1);
  };
  const secondsLeft = state.phase === 'warning' ? state.secondsLeft : undefined;
  const step = secondsLeft === undefined ? undefined : announcementStep(secondsLeft);
  const [spoken, setSpoken] = useState('');
  // Speaks when a new step is reached (with the seconds then left), and falls silent when active again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: secondsLeft is read at the step change only.
  useEffect(() => {
    setSpoken(step === undefined || secondsLeft === undefined ? '' : idleAnnouncement(secondsLeft));
  }, [step]);

  return (
    <>
      <div className="visuellement-cache" aria-live="assertive" aria-atomic="true">
        {spoken}
      </div>
      {state.phase === 'warning' ? (
        <section className="bandeau bandeau-alerte" aria-labelledby="inactivite-titre">
          <h2 id="inactivite-titre" className="bandeau-titre">
            Déconnexion automatique dans{' '}
            <span className="compte-a-rebours">{formatCountdown(state.secondsLeft)}</span>
          </h2>
          <p>Sans action de votre part, vous serez déconnecté·e pour protéger les personnes suivies.</p>
          <button type="button" className="bouton" onClick={stay}>
            Rester connecté·e
          </button>
        </section>
      ) : null}
    </>
  );
}
