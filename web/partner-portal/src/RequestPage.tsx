import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, type CallbackDetail, type PartnerApi } from './api';
import {
  actorLabel,
  dueLabel,
  historyLabel,
  languageLabel,
  OUTCOME_LABELS,
  STATUS_LABELS,
  windowsLabel,
} from './labels';
import { failureMessage, NOT_FOUND_MESSAGE } from './messages';
import { NotFoundPage } from './NotFoundPage';
import { NumberPanel } from './NumberPanel';
import { OutcomePanel } from './OutcomePanel';
import { navigate } from './router';
import { useAnnounce } from './StatusRegion';

const when = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  dateStyle: 'short',
  timeStyle: 'short',
});

/** One request: its rules, claim, the audited number, the outcome, and its history. */
export function RequestPage({
  api,
  requestId,
  username,
  onUnauthorized,
}: {
  readonly api: PartnerApi;
  readonly requestId: string;
  /** `partnerId/username`, as the API writes `claimedBy`. */
  readonly username: string;
  readonly onUnauthorized: () => void;
}) {
  const [detail, setDetail] = useState<CallbackDetail>();
  const [notFound, setNotFound] = useState(false);
  const [error, setError] = useState<string>();
  const [claiming, setClaiming] = useState(false);
  const announce = useAnnounce();
  const heading = useRef<HTMLHeadingElement>(null);

  const fail = useCallback(
    (caught: unknown) => {
      if (caught instanceof ApiError && caught.failure.kind === 'unauthorized') return onUnauthorized();
      if (caught instanceof ApiError && caught.failure.kind === 'notFound') return setNotFound(true);
      setError(caught instanceof ApiError ? failureMessage(caught.failure) : String(caught));
    },
    [onUnauthorized],
  );

  const reload = useCallback(async () => {
    try {
      setDetail(await api.get(requestId));
      setError(undefined);
    } catch (caught) {
      fail(caught);
    }
  }, [api, requestId, fail]);

  useEffect(() => {
    void reload();
  }, [reload]);
  const loaded = detail !== undefined;
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded]);

  if (notFound) return <NotFoundPage title={NOT_FOUND_MESSAGE} />;
  if (detail === undefined) {
    return error === undefined ? (
      <p role="status">Chargement de la demande…</p>
    ) : (
      <p className="message message-erreur" role="alert">
        {error}
      </p>
    );
  }

  const claim = async () => {
    setClaiming(true);
    try {
      await api.claim(requestId);
      announce('Demande prise en charge par vous.');
      await reload();
    } catch (caught) {
      fail(caught);
    } finally {
      setClaiming(false);
    }
  };
  const closed = detail.status === 'closed';
  const claimedByMe = detail.claimedBy === username;

  return (
    <>
      <p>
        <a
          href="/"
          onClick={(event) => {
            event.preventDefault();
            navigate('/');
          }}
        >
          ← Toutes les demandes
        </a>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        Demande à rappeler avant le {dueLabel(detail.dueBy)}
        {detail.overdue && !closed ? <span className="etiquette etiquette-retard">En retard</span> : null}
      </h1>
      {error === undefined ? null : (
        <p className="message message-erreur" role="alert">
          {error}
        </p>
      )}
      <dl className="details details-page">
        <div>
          <dt>État</dt>
          <dd>
            {STATUS_LABELS[detail.status]}
            {closed && detail.outcome !== undefined ? ` (${OUTCOME_LABELS[detail.outcome]})` : ''}
          </dd>
        </div>
        <div>
          <dt>Créneaux sûrs</dt>
          <dd>{windowsLabel(detail.safeWindows)}</dd>
        </div>
        <div>
          <dt>Message</dt>
          <dd>{detail.mayLeaveMessage ? 'Peut être laissé' : 'Ne pas laisser de message'}</dd>
        </div>
        <div>
          <dt>Langue</dt>
          <dd>{languageLabel(detail.language)}</dd>
        </div>
        <div>
          <dt>Essais</dt>
          <dd>
            {detail.attempts} sur {detail.maxAttempts}
          </dd>
        </div>
        <div>
          <dt>Prise en charge par</dt>
          <dd>{detail.claimedBy === undefined ? 'Personne' : actorLabel(detail.claimedBy)}</dd>
        </div>
      </dl>

      {closed ? (
        <p className="message message-info" role="status">
          Demande close. Le numéro a été supprimé.
        </p>
      ) : (
        <>
          {claimedByMe ? null : (
            <section className="carte" aria-labelledby="prise-en-charge">
              <h2 id="prise-en-charge">Prise en charge</h2>
              {detail.claimedBy === undefined ? (
                <p>Prenez la demande en charge pour que vos collègues sachent que vous la traitez.</p>
              ) : (
                <p>Cette demande est déjà prise en charge par {actorLabel(detail.claimedBy)}.</p>
              )}
              {detail.status === 'claimed' ? null : (
                <button type="button" className="bouton" disabled={claiming} onClick={() => void claim()}>
                  {claiming ? 'Prise en charge…' : 'Je prends en charge cette demande'}
                </button>
              )}
            </section>
          )}
          <NumberPanel detail={detail} api={api} onOpened={reload} onError={fail} />
          <OutcomePanel detail={detail} api={api} onRecorded={reload} onError={fail} />
        </>
      )}

      <section className="carte" aria-labelledby="historique">
        <h2 id="historique">Historique</h2>
        <ul className="historique">
          {[...detail.history].reverse().map((item) => (
            <li key={`${item.at}-${item.action}-${item.by ?? ''}-${item.attempt ?? ''}`}>
              <time dateTime={item.at}>{when.format(new Date(item.at))}</time> · {historyLabel(item)}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
