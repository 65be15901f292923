import { appendHistory, backstopExpiresAt, HISTORY_LIMIT, type HistoryEntry } from '#domain/callbacks/record';
import { openRefusals } from '#domain/callbacks/safe-contact';
import { prod } from '../../../config/stages/prod';
import { partnerNotificationProblems } from '../../../infra/partner-notifications-check';

describe('openRefusals', () => {
  // Thursday 12 November 2026, 10:00 in Paris (UTC+1); Saturday 14 November, 15:00 in Paris.
  const weekdayMorning = new Date('2026-11-12T09:00:00Z');
  const saturdayAfternoon = new Date('2026-11-14T14:00:00Z');

  it('lets a safe number be opened inside its windows', () => {
    expect(openRefusals({ safeToCall: true, safeWindows: ['weekday-morning'] }, weekdayMorning)).toEqual([]);
  });

  it('refuses outside the safe windows, in Paris time', () => {
    expect(openRefusals({ safeToCall: true, safeWindows: ['weekday-morning'] }, saturdayAfternoon)).toEqual([
      'outsideSafeWindows',
    ]);
  });

  it('refuses a number that is not safe to call, whatever the time', () => {
    expect(openRefusals({ safeToCall: false, safeWindows: ['weekday-morning'] }, weekdayMorning)).toEqual([
      'unsafeNumber',
    ]);
    expect(openRefusals({ safeToCall: false, safeWindows: ['weekday-morning'] }, saturdayAfternoon)).toEqual([
      'unsafeNumber',
      'outsideSafeWindows',
    ]);
  });
});

describe('callback record limits', () => {
  it('keeps the last entries of the history only', () => {
    const entry = (index: number): HistoryEntry => ({
      at: new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString(),
      action: 'renotified',
      attempt: index,
    });
    const history = Array.from({ length: HISTORY_LIMIT }, (_, index) => entry(index));
    const appended = appendHistory(history, [entry(100), entry(101)]);
    expect(appended).toHaveLength(HISTORY_LIMIT);
    expect(appended.at(-1)?.attempt).toBe(101);
    expect(appended[0]?.attempt).toBe(2);
  });

  it('sets a backstop TTL from creation: every SLA window, then the closed retention', () => {
    const createdAt = new Date('2026-11-12T09:00:00Z');
    const seconds = backstopExpiresAt(createdAt, { slaHours: 48, maxAttempts: 3 }, 30);
    expect(seconds).toBe(createdAt.getTime() / 1000 + 48 * 3 * 3600 + 30 * 86_400);
  });
});

describe('partner notifications', () => {
  it('refuses a stage that claims to notify a partner without subscribers, naming it', () => {
    const problems = partnerNotificationProblems({ ...prod, notifyPartners: true });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/partner cidff94 has no notificationEmails/);
  });

  it('accepts a stage that notifies and lists every association, or that does not notify', () => {
    const partners = prod.partners.map((partner) => ({
      ...partner,
      notificationEmails: ['accueil@example.org'],
    }));
    expect(partnerNotificationProblems({ ...prod, partners, notifyPartners: true })).toEqual([]);
    expect(partnerNotificationProblems(prod)).toEqual([]);
  });
});
