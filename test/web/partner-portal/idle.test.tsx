/**
 * @jest-environment jsdom
 */
import { act } from 'react';
import { IdleWatch } from '../../../web/partner-portal/src/IdleWatch';
import {
  announcementStep,
  formatCountdown,
  IDLE_TIMEOUT_MS,
  IDLE_WARNING_MS,
  idlePhase,
} from '../../../web/partner-portal/src/idle';
import { button, click, render } from './render';

describe('idle sign-out: the rule', () => {
  it('is active for 9 minutes, counts the last minute down, then expires at 10 minutes', () => {
    expect(IDLE_TIMEOUT_MS).toBe(600_000);
    expect(IDLE_WARNING_MS).toBe(60_000);
    expect(idlePhase(0, 539_000)).toEqual({ phase: 'active' });
    expect(idlePhase(0, 540_000)).toEqual({ phase: 'warning', secondsLeft: 60 });
    expect(idlePhase(0, 599_001)).toEqual({ phase: 'warning', secondsLeft: 1 });
    expect(idlePhase(0, 600_000)).toEqual({ phase: 'expired' });
  });

  it('speaks at 60, 30 and 10 seconds only (even if a second is skipped), and shows m:ss', () => {
    const steps = Array.from({ length: 60 }, (_, index) => announcementStep(60 - index));
    expect([...new Set(steps)]).toEqual([60, 30, 10]);
    expect(announcementStep(61)).toBeUndefined();
    expect(announcementStep(29)).toBe(30);
    expect(formatCountdown(59)).toBe('0:59');
    expect(formatCountdown(60)).toBe('1:00');
    expect(formatCountdown(-3)).toBe('0:00');
  });
});

describe('idle sign-out: the countdown on screen', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const advance = (ms: number) => act(() => void jest.advanceTimersByTime(ms));

  it('shows nothing for 9 minutes, then a countdown in a live region, then signs out', () => {
    const onExpire = jest.fn();
    const view = render(<IdleWatch onExpire={onExpire} />);
    advance(539_000);
    expect(view.container.textContent).not.toContain('Déconnexion automatique');
    advance(2_000);
    expect(view.container.querySelector('h2')?.textContent).toMatch(/Déconnexion automatique dans 0:59/);
    expect(view.container.querySelector('[aria-live="assertive"]')?.textContent).toContain('59 secondes');
    advance(30_000);
    expect(view.container.querySelector('[aria-live="assertive"]')?.textContent).toContain('29 secondes');
    expect(onExpire).not.toHaveBeenCalled();
    advance(30_000);
    expect(onExpire).toHaveBeenCalledTimes(1);
    view.unmount();
  });

  it('starts again from 10 minutes after a key press, and after "Rester connecté·e"', async () => {
    const onExpire = jest.fn();
    const view = render(<IdleWatch onExpire={onExpire} />);
    advance(500_000);
    act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' })));
    advance(500_000);
    expect(view.container.textContent).not.toContain('Déconnexion automatique');
    advance(50_000);
    await click(button(view.container, 'Rester connecté·e'));
    advance(1_000);
    expect(view.container.textContent).not.toContain('Déconnexion automatique');
    advance(500_000);
    expect(onExpire).not.toHaveBeenCalled();
    view.unmount();
  });
});
