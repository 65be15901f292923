import { useCallback, useEffect, useRef, useState } from 'react';
import {
  api,
  type CallEvent,
  type CallPhase,
  type GuideViews,
  type NumberedEntry,
  type OpsSnapshot,
} from './api';
import { CallerPanel } from './caller-panel';
import { ListenerPanel } from './listener-panel';
import { OpsPanel } from './ops-panel';
import { silence, speak } from './speech';

/** The line console: the caller, the listener and ops, side by side, on one call at a time. */

const OPS_REFRESH_MS = 1500;

export function App() {
  const [contactId, setContactId] = useState<string | undefined>(undefined);
  const [phase, setPhase] = useState<CallPhase | undefined>(undefined);
  const [entries, setEntries] = useState<NumberedEntry[]>([]);
  const [outcome, setOutcome] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [muted, setMuted] = useState(false);
  const [views, setViews] = useState<GuideViews | undefined>(undefined);
  const [ops, setOps] = useState<OpsSnapshot | undefined>(undefined);
  const mutedRef = useRef(muted);
  mutedRef.current = muted;

  const refreshOps = useCallback(() => {
    api.ops().then(setOps, () => {});
  }, []);

  useEffect(() => {
    api.views().then(setViews, () => setFailure('Le guide de qualification n’a pas pu être chargé.'));
    refreshOps();
    const timer = setInterval(refreshOps, OPS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [refreshOps]);

  useEffect(() => {
    if (contactId === undefined) return;
    const source = api.events(contactId);
    source.onmessage = (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data) as CallEvent;
      if (event.type === 'entry') {
        setEntries((previous) => [...previous, { ...event.entry, seq: previous.length }]);
        if (event.entry.kind === 'prompt' && !mutedRef.current) speak(event.entry.text, event.speechLanguage);
      } else if (event.type === 'phase') {
        setPhase(event.phase);
        refreshOps();
      } else {
        setPhase('ended');
        if (event.type === 'ended') setOutcome(event.outcome);
        else setFailure(`L’appel s’est interrompu : ${event.message}`);
        source.close();
        refreshOps();
      }
    };
    return () => source.close();
  }, [contactId, refreshOps]);

  const active = contactId !== undefined && phase !== 'ended';
  const answered = entries.some((entry) => entry.kind === 'event' && entry.text === 'CONNECTED_TO_AGENT');

  return (
    <>
      <header>
        <h1>Console de la ligne « Un premier pas »</h1>
        <p>
          Appelez la ligne locale, répondez en tant qu’écoutante et suivez son fonctionnement. Les flux, les
          fonctions et le formulaire sont ceux déployés sur Amazon Connect.
        </p>
        {failure ? (
          <p className="alerte" role="alert">
            {failure}
          </p>
        ) : null}
      </header>
      <main className="panneaux">
        <CallerPanel
          active={active}
          phase={phase}
          entries={entries}
          muted={muted}
          outcome={outcome}
          onMute={(value) => {
            setMuted(value);
            if (value) silence();
          }}
          onDial={(request) => {
            silence();
            setEntries([]);
            setOutcome(undefined);
            setFailure(undefined);
            setPhase('ivr');
            api.dial(request).then(
              (answer) => setContactId(answer.contactId),
              () => {
                setPhase(undefined);
                setFailure('L’appel n’a pas pu être passé.');
              },
            );
          }}
          onKey={(key) => {
            if (contactId !== undefined) void api.press(contactId, key).catch(() => {});
          }}
          onHangUp={() => {
            silence();
            if (contactId !== undefined) void api.hangUp(contactId, 'caller').catch(() => {});
          }}
        />
        <ListenerPanel
          phase={contactId === undefined ? undefined : phase}
          answered={answered}
          whisper={entries.filter((entry) => entry.kind === 'whisper')}
          views={views}
          tasks={ops?.tasks ?? []}
          onAccept={() => {
            if (contactId !== undefined) void api.accept(contactId).catch(() => {});
          }}
          onEnd={() => {
            if (contactId !== undefined) void api.hangUp(contactId, 'listener').catch(() => {});
          }}
          onQualify={async (fields) => {
            if (contactId === undefined) throw new Error('no call');
            const answer = await api.qualify(contactId, fields);
            refreshOps();
            return answer;
          }}
        />
        <OpsPanel ops={ops} />
      </main>
    </>
  );
}
