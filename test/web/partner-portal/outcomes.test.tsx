/**
 * @jest-environment jsdom
 */
import type { CallbackSummary } from '#domain/callbacks/record';
import type { CallbackDetail, PartnerApi } from '../../../web/partner-portal/src/api';
import { OutcomePanel } from '../../../web/partner-portal/src/OutcomePanel';
import {
  choicesFor,
  closesRequest,
  OUTCOME_CHOICES,
  type OutcomeChoice,
  outcomeFormReducer,
} from '../../../web/partner-portal/src/outcomes';
import { button, click, render, settle } from './render';

const choice = (id: string): OutcomeChoice => {
  const found = OUTCOME_CHOICES.find((c) => c.id === id);
  if (found === undefined) throw new Error(id);
  return found;
};

describe('outcome confirmation: the rule', () => {
  it('closes the request on any result but an attempt, or on the last attempt', () => {
    expect(closesRequest(choice('noAnswer'), 0, 3)).toBe(false);
    expect(closesRequest(choice('noAnswer'), 2, 3)).toBe(true);
    expect(closesRequest(choice('messageLeft'), 1, 3)).toBe(false);
    expect(closesRequest(choice('messageLeft'), 2, 3)).toBe(true);
    for (const id of ['reached', 'wrongNumber', 'declined', 'unsafe']) {
      expect(closesRequest(choice(id), 0, 3)).toBe(true);
    }
  });

  it('offers "message left" only when a message may be left', () => {
    expect(choicesFor(false).map((c) => c.id)).not.toContain('messageLeft');
    expect(choicesFor(true).map((c) => c.id)).toContain('messageLeft');
  });

  it('waits for a confirmation before a closing outcome, and ignores clicks while one is sent', () => {
    const reached = choice('reached');
    let state = outcomeFormReducer({ step: 'choosing' }, { type: 'choose', choice: reached, closes: true });
    expect(state).toEqual({ step: 'confirming', choice: reached });
    expect(outcomeFormReducer(state, { type: 'cancel' })).toEqual({ step: 'choosing' });
    state = outcomeFormReducer(state, { type: 'confirm' });
    expect(state).toEqual({ step: 'sending', choice: reached });
    expect(outcomeFormReducer(state, { type: 'choose', choice: choice('declined'), closes: true })).toBe(
      state,
    );
    expect(outcomeFormReducer(state, { type: 'confirm' })).toBe(state);
    expect(outcomeFormReducer(state, { type: 'succeeded' })).toEqual({ step: 'recorded', choice: reached });
  });
});

const detail: CallbackDetail = {
  requestId: 'cb-2',
  status: 'claimed',
  createdAt: '2026-12-02T08:00:00.000Z',
  dueBy: '2026-12-04T08:00:00.000Z',
  overdue: false,
  safeToCall: true,
  mayLeaveMessage: false,
  safeWindows: ['weekday-morning'],
  language: 'fr',
  attempts: 0,
  hasCodeWord: false,
  maxAttempts: 3,
  history: [],
};

function fakeApi(recordOutcome: PartnerApi['recordOutcome']): PartnerApi {
  const never = () => Promise.reject(new Error('not used'));
  return { list: never, get: never, claim: never, open: never, recordOutcome };
}

describe('outcome confirmation: the panel', () => {
  it('sends "reached" only after "Confirmer et clore", and once however often it is clicked', async () => {
    let finish: (summary: CallbackSummary) => void = () => {};
    const recordOutcome = jest.fn(() => new Promise<CallbackSummary>((resolve) => (finish = resolve)));
    const view = render(
      <OutcomePanel
        detail={detail}
        api={fakeApi(recordOutcome)}
        onRecorded={async () => {}}
        onError={() => {}}
      />,
    );
    await click(button(view.container, 'Personne jointe'));
    expect(recordOutcome).not.toHaveBeenCalled();
    expect(view.container.querySelector('h3')?.textContent).toBe(
      'Clore la demande avec « Personne jointe » ?',
    );
    const confirm = button(view.container, 'Confirmer et clore');
    await click(confirm);
    await click(confirm);
    expect(recordOutcome).toHaveBeenCalledTimes(1);
    expect(recordOutcome).toHaveBeenCalledWith('cb-2', 'reached');
    for (const b of view.container.querySelectorAll('button')) expect(b.disabled).toBe(true);
    finish({ ...detail, status: 'closed' });
    await settle();
    expect(view.container.textContent).toContain('Enregistré : Personne jointe.');
    view.unmount();
  });

  it('records "no answer" at once (an attempt, not final), and cancelling a final one sends nothing', async () => {
    const recordOutcome = jest.fn(async () => ({ ...detail, status: 'retry' as const, attempts: 1 }));
    const view = render(
      <OutcomePanel
        detail={detail}
        api={fakeApi(recordOutcome)}
        onRecorded={async () => {}}
        onError={() => {}}
      />,
    );
    await click(button(view.container, 'Pas de réponse'));
    await settle();
    expect(recordOutcome).toHaveBeenCalledWith('cb-2', 'unreachable');
    await click(button(view.container, 'Appel dangereux pour la personne'));
    await click(button(view.container, 'Annuler'));
    expect(recordOutcome).toHaveBeenCalledTimes(1);
    view.unmount();
  });
});
