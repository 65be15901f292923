import { useEffect, useRef, useState } from 'react';
import { OVERRIDE_REASON_MAX_LENGTH } from '#domain/callbacks/audit';
import { ApiError, type CallbackDetail, type PartnerApi } from './api';
import { useNow } from './hooks';
import { formatCountdown } from './idle';
import { displayNumber, safeContactRules } from './labels';
import { failureMessage } from './messages';
import { isRevealOver, REVEAL_MS, revealSecondsLeft } from './reveal';
import { useAnnounce } from './StatusRegion';

type NumberState =
  | { readonly step: 'hidden' }
  | { readonly step: 'rules' }
  | { readonly step: 'opening' }
  | { readonly step: 'refused'; readonly message: string }
  | {
      readonly step: 'shown';
      readonly phoneNumber: string;
      readonly codeWord?: string | undefined;
      readonly warnings: readonly string[];
      readonly openedAt: number;
    };

/** Refusals an audited override can lift (the others, closed or withdrawn, cannot). */
const OVERRIDABLE = new Set(['unsafeNumber', 'outsideSafeWindows']);

/** The number shown for 2 minutes at most, then hidden; held here only, never stored. */
function ShownNumber({
  state,
  onHide,
}: {
  readonly state: Extract<NumberState, { step: 'shown' }>;
  readonly onHide: (automatic: boolean) => void;
}) {
  const now = useNow(1000);
  const over = isRevealOver(state.openedAt, now);
  useEffect(() => {
    if (over) onHide(true);
  }, [over, onHide]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="numero">
      <h3 ref={heading} tabIndex={-1}>
        Numéro à appeler
      </h3>
      <p className="numero-valeur">
        <a href={`tel:${state.phoneNumber.replace(/\s/g, '')}`}>{displayNumber(state.phoneNumber)}</a>
      </p>
      {state.codeWord === undefined ? null : (
        <p>
          Mot convenu : <strong>{state.codeWord}</strong>
        </p>
      )}
      {state.warnings.map((warning) => (
        <p key={warning} className="avertissement">
          {warning}
        </p>
      ))}
      <p className="discret">
        Masqué automatiquement dans{' '}
        <span className="compte-a-rebours">{formatCountdown(revealSecondsLeft(state.openedAt, now))}</span>.
        Ne le notez nulle part.
      </p>
      <button type="button" className="bouton bouton-discret" onClick={() => onHide(false)}>
        Masquer le numéro
      </button>
    </div>
  );
}

export function NumberPanel({
  detail,
  api,
  onOpened,
  onError,
}: {
  readonly detail: CallbackDetail;
  readonly api: PartnerApi;
  readonly onOpened: () => Promise<void>;
  readonly onError: (caught: unknown) => void;
}) {
  const [state, setState] = useState<NumberState>({ step: 'hidden' });
  const [reason, setReason] = useState('');
  const announce = useAnnounce();

  const open = async (overrideReason?: string) => {
    setState({ step: 'opening' });
    try {
      const opened = await api.open(detail.requestId, overrideReason);
      setReason('');
      setState({
        step: 'shown',
        phoneNumber: opened.phoneNumber,
        codeWord: opened.codeWord,
        warnings: opened.warnings,
        openedAt: Date.now(),
      });
      announce(`Numéro affiché pour ${REVEAL_MS / 60_000} minutes. Cette ouverture est tracée.`);
      void onOpened();
    } catch (caught) {
      if (caught instanceof ApiError && caught.failure.kind === 'refused') {
        const { failure } = caught;
        if (failure.reasons.some((r) => OVERRIDABLE.has(r))) {
          setState({ step: 'refused', message: failureMessage(failure) });
          return;
        }
      }
      setState({ step: 'hidden' });
      onError(caught);
    }
  };

  const hide = (automatic: boolean) => {
    setState({ step: 'hidden' });
    announce(automatic ? 'Le numéro a été masqué après 2 minutes.' : 'Numéro masqué.');
  };

  return (
    <section className="carte" aria-labelledby="numero-titre">
      <h2 id="numero-titre">Numéro de la personne</h2>
      {state.step === 'hidden' ? (
        <>
          <p>Le numéro n'apparaît qu'à la demande, pour 2 minutes ; chaque ouverture est tracée.</p>
          <button type="button" className="bouton" onClick={() => setState({ step: 'rules' })}>
            Voir le numéro
          </button>
        </>
      ) : null}
      {state.step === 'rules' || state.step === 'opening' ? (
        <div className="consignes">
          <h3>Avant d'appeler</h3>
          <ul>
            {safeContactRules(detail).map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ul>
          <div className="actions">
            <button
              type="button"
              className="bouton"
              disabled={state.step === 'opening'}
              onClick={() => void open()}
            >
              {state.step === 'opening' ? 'Ouverture…' : "J'ai lu ces consignes : afficher le numéro"}
            </button>
            <button
              type="button"
              className="bouton bouton-discret"
              onClick={() => setState({ step: 'hidden' })}
            >
              Annuler
            </button>
          </div>
        </div>
      ) : null}
      {state.step === 'refused' ? (
        <div className="consignes">
          <p className="message message-erreur" role="alert">
            {state.message}
          </p>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (reason.trim() !== '') void open(reason.trim());
            }}
          >
            <label htmlFor="motif-derogation">
              Motif de la dérogation (enregistré dans le journal d'accès)
            </label>
            <textarea
              id="motif-derogation"
              required
              maxLength={OVERRIDE_REASON_MAX_LENGTH}
              rows={3}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
            <div className="actions">
              <button type="submit" className="bouton bouton-danger">
                Ouvrir malgré tout (dérogation tracée)
              </button>
              <button
                type="button"
                className="bouton bouton-discret"
                onClick={() => setState({ step: 'hidden' })}
              >
                Annuler
              </button>
            </div>
          </form>
        </div>
      ) : null}
      {state.step === 'shown' ? <ShownNumber state={state} onHide={hide} /> : null}
    </section>
  );
}
