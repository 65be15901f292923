/**
 * @jest-environment jsdom
 */
import { act } from 'react';
import type { CallbackDetail, OpenedCallback, PartnerApi } from '../../../web/partner-portal/src/api';
import { NumberPanel } from '../../../web/partner-portal/src/NumberPanel';
import { isRevealOver, REVEAL_MS, revealSecondsLeft } from '../../../web/partner-portal/src/reveal';
import { button, click, render, settle } from './render';

const detail: CallbackDetail = {
  requestId: 'cb-1',
  status: 'claimed',
  createdAt: '2026-12-02T08:00:00.000Z',
  dueBy: '2026-12-04T08:00:00.000Z',
  overdue: false,
  safeToCall: true,
  mayLeaveMessage: false,
  safeWindows: ['weekday-morning', 'saturday-morning'],
  language: 'fr',
  attempts: 0,
  hasCodeWord: true,
  maxAttempts: 3,
  history: [],
};

const opened = {
  ...detail,
  phoneNumber: '+33612345678',
  codeWord: 'hirondelle',
  rules: { safeToCall: true, mayLeaveMessage: false, safeWindows: [], withinSafeWindow: true },
  overridden: false,
  warnings: [],
} as OpenedCallback;

function fakeApi(open: PartnerApi['open']): PartnerApi {
  const never = () => Promise.reject(new Error('not used'));
  return { list: never, get: never, claim: never, recordOutcome: never, open };
}

describe('hiding the number: the rule', () => {
  it('keeps it 2 minutes, counting down by the second', () => {
    expect(REVEAL_MS).toBe(120_000);
    expect(revealSecondsLeft(0, 0)).toBe(120);
    expect(revealSecondsLeft(0, 119_001)).toBe(1);
    expect(isRevealOver(0, 119_999)).toBe(false);
    expect(isRevealOver(0, 120_000)).toBe(true);
  });
});

describe('hiding the number: the panel', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('restates the rules first, shows the number once opened, and hides it after 2 minutes', async () => {
    const open = jest.fn(async () => opened);
    const view = render(
      <NumberPanel detail={detail} api={fakeApi(open)} onOpened={async () => {}} onError={() => {}} />,
    );
    await click(button(view.container, 'Voir le numéro'));
    expect(open).not.toHaveBeenCalled();
    expect([...view.container.querySelectorAll('.consignes li')].map((li) => li.textContent)).toEqual([
      'Appeler seulement le matin.',
      'Ne pas laisser de message.',
      'Demander le mot convenu.',
    ]);
    await click(button(view.container, "J'ai lu ces consignes : afficher le numéro"));
    await settle();
    expect(open).toHaveBeenCalledWith('cb-1', undefined);
    expect(view.container.querySelector('.numero-valeur')?.textContent).toBe('06 12 34 56 78');
    act(() => void jest.advanceTimersByTime(119_000));
    expect(view.container.querySelector('.numero-valeur')).not.toBeNull();
    act(() => void jest.advanceTimersByTime(1_500));
    expect(view.container.querySelector('.numero-valeur')).toBeNull();
    expect(view.container.textContent).not.toContain('12 34 56 78');
    view.unmount();
  });

  it('hides it on demand', async () => {
    const view = render(
      <NumberPanel
        detail={detail}
        api={fakeApi(async () => opened)}
        onOpened={async () => {}}
        onError={() => {}}
      />,
    );
    await click(button(view.container, 'Voir le numéro'));
    await click(button(view.container, "J'ai lu ces consignes : afficher le numéro"));
    await settle();
    await click(button(view.container, 'Masquer le numéro'));
    expect(view.container.querySelector('.numero-valeur')).toBeNull();
    view.unmount();
  });
});
