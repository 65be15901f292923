import { useEffect, useState } from 'react';
import type { CallPhase, DialRequest, NumberedEntry } from './api';
import { KEYPAD_ROWS, keypadKey, maskedKeys } from './keypad';

/** The caller's side: choose the moment, dial, hear and read the prompts, key, hang up. */

/** Transcript lines the caller's side shows, and how each is introduced. */
const SHOWN: Readonly<Record<string, string>> = {
  prompt: 'La ligne',
  input: 'Vous',
  queue: 'File',
  end: 'Fin',
};

export interface CallerPanelProps {
  readonly active: boolean;
  readonly phase: CallPhase | undefined;
  readonly entries: readonly NumberedEntry[];
  readonly muted: boolean;
  readonly outcome: string | undefined;
  onMute(muted: boolean): void;
  onDial(request: DialRequest): void;
  onKey(key: string): void;
  onHangUp(): void;
}

/** Now on a Paris clock, as a datetime-local value (`2026-03-10T10:30`). */
function parisNow(): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('fr-FR', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date())
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

const PHASES: Readonly<Record<CallPhase, string>> = {
  ivr: 'En ligne : messages d’accueil',
  queued: 'En attente d’une écoutante',
  connected: 'En conversation avec une écoutante',
  ended: 'Appel terminé',
};

export function CallerPanel(props: CallerPanelProps) {
  const { active, phase, entries, muted, outcome } = props;
  const [now, setNow] = useState(true);
  const [at, setAt] = useState(parisNow);
  const [staffed, setStaffed] = useState(1);
  const [fault, setFault] = useState<'' | 'error' | 'timeout' | 'invalid'>('');
  const [keyed, setKeyed] = useState('');

  const press = (key: string) => {
    setKeyed((previous) => previous + key);
    props.onKey(key);
  };

  useEffect(() => {
    if (!active) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      // Typing in a form field is not keying on the phone.
      if (target !== null && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
      const key = keypadKey(event.key);
      if (key === undefined) return;
      event.preventDefault();
      press(key);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  });

  useEffect(() => {
    if (!active) setKeyed('');
  }, [active]);

  const dial = () => {
    setKeyed('');
    props.onDial({
      ...(now ? {} : { at }),
      staffed,
      ...(fault === '' ? {} : { fault }),
    });
  };

  return (
    <section id="appelante" className="panneau" aria-labelledby="titre-appelante">
      <h2 id="titre-appelante">Appelante</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          dial();
        }}
      >
        <fieldset disabled={active}>
          <legend>Moment de l’appel (heure de Paris)</legend>
          <label className="choix">
            <input type="radio" name="moment" checked={now} onChange={() => setNow(true)} />
            Maintenant
          </label>
          <label className="choix">
            <input type="radio" name="moment" checked={!now} onChange={() => setNow(false)} />À un moment
            choisi
          </label>
          <label htmlFor="moment-choisi">Date et heure</label>
          <input
            id="moment-choisi"
            type="datetime-local"
            value={at}
            disabled={now}
            onChange={(event) => setAt(event.target.value)}
          />
          <label htmlFor="ecoutantes">Écoutantes en service</label>
          <input
            id="ecoutantes"
            type="number"
            min={0}
            max={20}
            value={staffed}
            onChange={(event) => setStaffed(Math.max(0, Math.min(20, Number(event.target.value) || 0)))}
          />
          <label htmlFor="panne">Panne simulée de l’enregistrement d’appel (call-intake)</label>
          <select id="panne" value={fault} onChange={(event) => setFault(event.target.value as typeof fault)}>
            <option value="">Aucune</option>
            <option value="error">Erreur</option>
            <option value="timeout">Délai dépassé</option>
            <option value="invalid">Réponse invalide</option>
          </select>
        </fieldset>
        <button type="submit" className="principal" disabled={active}>
          Appeler la ligne
        </button>
      </form>

      <p className="etat" role="status">
        {phase === undefined ? 'Pas d’appel en cours' : PHASES[phase]}
        {outcome ? ` (${outcome})` : ''}
      </p>

      <div className="commandes">
        <button type="button" aria-pressed={muted} onClick={() => props.onMute(!muted)}>
          {muted ? 'Réactiver la voix' : 'Couper la voix'}
        </button>
        <button type="button" className="raccrocher" disabled={!active} onClick={props.onHangUp}>
          Raccrocher
        </button>
      </div>

      <fieldset className="clavier">
        <legend>Clavier du téléphone (ou les touches 0 à 9, * et # du clavier)</legend>
        {KEYPAD_ROWS.flat().map((key) => (
          <button key={key} type="button" disabled={!active} onClick={() => press(key)}>
            {key}
          </button>
        ))}
      </fieldset>
      <p className="touches" aria-live="polite">
        Touches tapées : <span data-testid="touches">{keyed === '' ? 'aucune' : maskedKeys(keyed)}</span>
      </p>

      <h3>Ce que dit la ligne</h3>
      <ol className="transcription" aria-live="polite" data-testid="transcription">
        {entries
          .filter((entry) => SHOWN[entry.kind] !== undefined)
          .map((entry) => (
            <li key={entry.seq} className={`ligne-${entry.kind}`}>
              <span className="qui">{SHOWN[entry.kind]} :</span> {entry.text}
            </li>
          ))}
      </ol>
    </section>
  );
}
