import { useEffect, useReducer, useRef } from 'react';
import { ApiError, type CallbackDetail, type PartnerApi } from './api';
import { failureMessage } from './messages';
import { choicesFor, closesRequest, type OutcomeChoice, outcomeFormReducer } from './outcomes';
import { useAnnounce } from './StatusRegion';

/**
 * Records an attempt or an outcome. A closing one (it deletes the number) waits for a confirmation;
 * while a call is in flight every button is disabled, so nothing is recorded twice.
 */
export function OutcomePanel({
  detail,
  api,
  onRecorded,
  onError,
}: {
  readonly detail: CallbackDetail;
  readonly api: PartnerApi;
  readonly onRecorded: () => Promise<void>;
  readonly onError: (caught: unknown) => void;
}) {
  const [state, dispatch] = useReducer(outcomeFormReducer, { step: 'choosing' });
  const announce = useAnnounce();
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const choices = choicesFor(detail.mayLeaveMessage);

  useEffect(() => {
    if (state.step === 'confirming') confirmHeading.current?.focus();
  }, [state.step]);

  // One call at a time, whatever the clicks: the ref holds while React re-renders.
  const inFlight = useRef(false);
  const send = (choice: OutcomeChoice) => {
    if (inFlight.current) return;
    inFlight.current = true;
    api.recordOutcome(detail.requestId, choice.outcome).then(
      async () => {
        inFlight.current = false;
        dispatch({ type: 'succeeded' });
        announce(`Résultat enregistré : ${choice.label}.`);
        await onRecorded();
      },
      async (caught: unknown) => {
        inFlight.current = false;
        if (
          caught instanceof ApiError &&
          (caught.failure.kind === 'unauthorized' || caught.failure.kind === 'notFound')
        ) {
          onError(caught);
          return;
        }
        dispatch({
          type: 'failed',
          message: caught instanceof ApiError ? failureMessage(caught.failure) : String(caught),
        });
        // The answer may have been lost after the API recorded it: show the request as it is now.
        await onRecorded();
      },
    );
  };

  const choose = (choice: OutcomeChoice) => {
    const closes = closesRequest(choice, detail.attempts, detail.maxAttempts);
    dispatch({ type: 'choose', choice, closes });
    if (!closes) send(choice);
  };
  const confirm = () => {
    if (state.step !== 'confirming') return;
    dispatch({ type: 'confirm' });
    send(state.choice);
  };
  const busy = state.step === 'sending' || state.step === 'confirming';

  return (
    <section className="carte" aria-labelledby="resultat-titre">
      <h2 id="resultat-titre">Résultat de l'appel</h2>
      {state.step === 'recorded' ? (
        <p className="message message-succes">Enregistré : {state.choice.label}.</p>
      ) : null}
      {state.step === 'failed' ? (
        <p className="message message-erreur" role="alert">
          {state.message} Vérifiez l'historique ci-dessous avant de réessayer.
        </p>
      ) : null}
      {state.step === 'confirming' ? (
        <section className="confirmation" aria-labelledby="confirmation-titre">
          <h3 id="confirmation-titre" ref={confirmHeading} tabIndex={-1}>
            Clore la demande avec « {state.choice.label} » ?
          </h3>
          <p>La demande sera close et le numéro supprimé définitivement.</p>
          <div className="actions">
            <button type="button" className="bouton" onClick={confirm}>
              Confirmer et clore
            </button>
            <button
              type="button"
              className="bouton bouton-discret"
              onClick={() => dispatch({ type: 'cancel' })}
            >
              Annuler
            </button>
          </div>
        </section>
      ) : (
        <div className="actions">
          {choices.map((choice) => (
            <button
              key={choice.id}
              type="button"
              className="bouton bouton-discret"
              disabled={busy}
              onClick={() => choose(choice)}
            >
              {choice.label}
            </button>
          ))}
        </div>
      )}
      {state.step === 'sending' ? <p role="status">Enregistrement…</p> : null}
      <p className="discret">
        « Pas de réponse » et « Message laissé » comptent un essai ({detail.attempts} sur {detail.maxAttempts}{' '}
        jusqu'ici) ; au dernier essai, la demande est close.
      </p>
    </section>
  );
}
