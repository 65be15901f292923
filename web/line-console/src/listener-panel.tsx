import { useEffect, useState } from 'react';
import type { CallPhase, GuideViews, NumberedEntry, OpsSnapshot, QualifyAnswer } from './api';
import { GuideView } from './guide-view';

/** The listener's side: accept the queued call, hear the whisper, talk, then qualify it with the guide. */

export interface ListenerPanelProps {
  readonly phase: CallPhase | undefined;
  readonly answered: boolean;
  readonly whisper: readonly NumberedEntry[];
  readonly views: GuideViews | undefined;
  readonly tasks: OpsSnapshot['tasks'];
  onAccept(): void;
  onEnd(): void;
  onQualify(fields: Record<string, unknown>): Promise<QualifyAnswer>;
}

type GuideStep = 'callType' | 'form' | 'result' | 'done';

function clock(seconds: number): string {
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

export function ListenerPanel(props: ListenerPanelProps) {
  const { phase, answered, whisper, views, tasks } = props;
  const [connectedAt, setConnectedAt] = useState<number | undefined>(undefined);
  const [elapsed, setElapsed] = useState(0);
  const [step, setStep] = useState<GuideStep>('callType');
  const [answer, setAnswer] = useState<QualifyAnswer | undefined>(undefined);
  const [callType, setCallType] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (phase === 'connected') {
      setConnectedAt(Date.now());
      setElapsed(0);
    }
    if (phase === 'ivr') {
      setStep('callType');
      setAnswer(undefined);
    }
  }, [phase]);

  useEffect(() => {
    if (phase !== 'connected' || connectedAt === undefined) return;
    const timer = setInterval(() => setElapsed(Math.round((Date.now() - connectedAt) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [phase, connectedAt]);

  const submit = async (fields: Record<string, unknown>) => {
    const result = await props.onQualify(fields);
    setAnswer(result);
    setStep(result.status === 'invalid' ? 'form' : 'result');
  };

  const guide = () => {
    if (views === undefined) return <p>Chargement du guide…</p>;
    if (step === 'callType') {
      return (
        <GuideView
          view={views.callType}
          onAction={(action) => {
            setCallType(action);
            if (action === 'real') setStep('form');
            else void submit({ callType: action });
          }}
        />
      );
    }
    if (step === 'form') {
      return (
        <GuideView
          view={views.form}
          data={{ errors: answer?.status === 'invalid' ? answer.message : '' }}
          fieldErrors={answer?.status === 'invalid' ? answer.fieldErrors : {}}
          onAction={(action, values) => {
            if (action === 'Back') return setStep('callType');
            void submit({ callType, ...values });
          }}
        />
      );
    }
    if (step === 'result') {
      return (
        <GuideView
          view={views.result}
          data={{ message: answer?.message ?? '' }}
          onAction={(action) => setStep(action === 'Retry' ? 'form' : 'done')}
        />
      );
    }
    return <p role="status">Qualification terminée.</p>;
  };

  return (
    <section id="ecoutante" className="panneau" aria-labelledby="titre-ecoutante">
      <h2 id="titre-ecoutante">Écoutante</h2>
      {phase === 'queued' ? (
        <div className="sonnerie">
          <p role="status">Un appel attend dans la file « Écoute ».</p>
          <button type="button" className="principal" onClick={props.onAccept}>
            Accepter l’appel
          </button>
        </div>
      ) : null}
      {whisper.length > 0 && (phase === 'connected' || phase === 'ended') ? (
        <div className="chuchotement">
          <h3>Message à l’écoutante</h3>
          {whisper.map((entry) => (
            <p key={entry.seq}>{entry.text}</p>
          ))}
        </div>
      ) : null}
      {phase === 'connected' ? (
        <div>
          <p role="timer" aria-label="Durée de la conversation">
            En conversation : <span data-testid="minuteur">{clock(elapsed)}</span>
          </p>
          <button type="button" onClick={props.onEnd}>
            Terminer l’appel
          </button>
        </div>
      ) : null}
      {phase === 'ended' && answered ? (
        <div className="guide">
          {/* The view's own title heads the guide, as in the agent workspace. */}
          {guide()}
        </div>
      ) : null}
      {phase === undefined || (phase === 'ended' && !answered) ? <p>Aucun appel pour l’écoutante.</p> : null}

      <h3>Tâches de rappel de la ligne</h3>
      {tasks.length === 0 ? (
        <p>Aucune tâche.</p>
      ) : (
        <ul data-testid="taches">
          {tasks.map((task) => (
            <li key={`${task.requestId}-${task.at}`}>
              <strong>{task.subject}</strong> — {task.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
