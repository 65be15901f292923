import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallbackSummary } from '#domain/callbacks/record';
import type { PartnerId } from '#domain/partners';
import { ApiError, type CallbackList, type PartnerApi } from './api';
import { actorLabel, dueLabel, languageLabel, PARTNER_NAMES, STATUS_LABELS, windowsLabel } from './labels';
import { failureMessage } from './messages';
import { navigate, requestPath } from './router';
import { useAnnounce } from './StatusRegion';

/** The list refreshes by itself once a minute, and when the window regains focus (not more than this). */
export const INBOX_REFRESH_MS = 60_000;
const FOCUS_REFRESH_MIN_MS = 15_000;

/** Open requests, most urgent first. */
export function sortByDue(callbacks: readonly CallbackSummary[]): CallbackSummary[] {
  return [...callbacks].sort((a, b) => a.dueBy.localeCompare(b.dueBy));
}

const timeOfDay = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  hour: '2-digit',
  minute: '2-digit',
});

/** The association's inbox: its open requests, never a number. */
export function InboxPage({
  api,
  partnerId,
  onUnauthorized,
}: {
  readonly api: PartnerApi;
  readonly partnerId: PartnerId;
  readonly onUnauthorized: () => void;
}) {
  const [list, setList] = useState<CallbackList>();
  const [error, setError] = useState<string>();
  const [loadedAt, setLoadedAt] = useState<number>();
  const lastLoad = useRef(0);
  const announce = useAnnounce();
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(
    async (reason: 'first' | 'auto' | 'user') => {
      lastLoad.current = Date.now();
      try {
        const fresh = await api.list();
        setList(fresh);
        setError(undefined);
        setLoadedAt(Date.now());
        if (reason === 'user')
          announce(`Liste mise à jour : ${fresh.callbacks.length} demande(s) ouverte(s).`);
      } catch (caught) {
        if (caught instanceof ApiError && caught.failure.kind === 'unauthorized') return onUnauthorized();
        setError(caught instanceof ApiError ? failureMessage(caught.failure) : String(caught));
      }
    },
    [api, announce, onUnauthorized],
  );

  useEffect(() => {
    heading.current?.focus();
    void load('first');
    const timer = window.setInterval(() => void load('auto'), INBOX_REFRESH_MS);
    const onFocus = () => {
      if (Date.now() - lastLoad.current >= FOCUS_REFRESH_MIN_MS) void load('auto');
    };
    window.addEventListener('focus', onFocus);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', onFocus);
    };
  }, [load]);

  const callbacks = list === undefined ? [] : sortByDue(list.callbacks);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        Demandes de rappel · {PARTNER_NAMES[partnerId]}
      </h1>
      <div className="barre">
        <p className="discret">
          {loadedAt === undefined
            ? error === undefined
              ? 'Chargement…'
              : 'Liste non chargée.'
            : `Mise à jour à ${timeOfDay.format(loadedAt)} (automatique chaque minute).`}
        </p>
        <button type="button" className="bouton bouton-discret" onClick={() => void load('user')}>
          Actualiser
        </button>
      </div>
      {error === undefined ? null : (
        <p className="message message-erreur" role="alert">
          {error}
        </p>
      )}
      {list !== undefined && callbacks.length === 0 ? (
        <p className="message message-info">Aucune demande ouverte pour le moment.</p>
      ) : null}
      <ol className="demandes" aria-label="Demandes ouvertes, la plus urgente en premier">
        {callbacks.map((callback) => (
          <li key={callback.requestId} className={`demande${callback.overdue ? ' demande-en-retard' : ''}`}>
            <h2 className="demande-titre">
              <a
                href={requestPath(callback.requestId)}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(requestPath(callback.requestId));
                }}
              >
                À rappeler avant le {dueLabel(callback.dueBy)}
              </a>
              {callback.overdue ? <span className="etiquette etiquette-retard">En retard</span> : null}
            </h2>
            <p className="demande-recue">Reçue le {dueLabel(callback.createdAt)}</p>
            <dl className="details">
              <div>
                <dt>État</dt>
                <dd>{STATUS_LABELS[callback.status]}</dd>
              </div>
              <div>
                <dt>Créneaux sûrs</dt>
                <dd>{windowsLabel(callback.safeWindows)}</dd>
              </div>
              <div>
                <dt>Message</dt>
                <dd>{callback.mayLeaveMessage ? 'Peut être laissé' : 'Ne pas laisser de message'}</dd>
              </div>
              <div>
                <dt>Langue</dt>
                <dd>{languageLabel(callback.language)}</dd>
              </div>
              <div>
                <dt>Essais</dt>
                <dd>{callback.attempts}</dd>
              </div>
              <div>
                <dt>Prise en charge par</dt>
                <dd>{callback.claimedBy === undefined ? 'Personne' : actorLabel(callback.claimedBy)}</dd>
              </div>
            </dl>
            {callback.safeToCall ? null : (
              <p className="avertissement">
                Numéro signalé comme dangereux : ne pas appeler sans nouvelle consigne.
              </p>
            )}
          </li>
        ))}
      </ol>
      {list !== undefined && list.withdrawn.length > 0 ? (
        <section aria-labelledby="retirees">
          <h2 id="retirees">Demandes retirées récemment</h2>
          <ul className="retirees">
            {list.withdrawn.map((callback) => (
              <li key={callback.requestId}>
                Demande à rappeler avant le {dueLabel(callback.dueBy)} : {callback.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
