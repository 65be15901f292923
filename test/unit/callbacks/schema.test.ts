import fc from 'fast-check';
import { parseE164FrenchNumber, parseKeyedFrenchNumber } from '#domain/callbacks/phone';
import { InvalidCallbackRequestError, parseCallbackRequest } from '#domain/callbacks/request';
import { isWithinSafeWindows } from '#domain/callbacks/safe-windows';
import { callbackRequestId } from '../../../functions/shared/callbacks/request-id';

const valid = {
  requestId: '01J5Z8Q8Y1ZJ3M4N5P6Q7R8S9T',
  contactId: 'c-1',
  partnerId: 'cidff94',
  phoneNumber: '+33612345678',
  safeToCall: true,
  mayLeaveMessage: false,
  safeWindows: ['weekday-morning'],
  language: 'fr',
  createdAt: '2026-03-02T10:00:00.000Z',
  dueBy: '2026-03-04T10:00:00.000Z',
};

describe('CallbackRequest', () => {
  it('accepts a valid request with a ULID or a UUID', () => {
    expect(parseCallbackRequest(valid)).toEqual(valid);
    expect(parseCallbackRequest({ ...valid, requestId: callbackRequestId('c-1', 'cidff94') }).partnerId).toBe(
      'cidff94',
    );
  });

  it('names the bad fields, never their values', () => {
    const attempt = () => parseCallbackRequest({ ...valid, phoneNumber: '+447700900123', partnerId: 'x' });
    expect(attempt).toThrow(InvalidCallbackRequestError);
    expect(attempt).toThrow('Invalid callback request: partnerId, phoneNumber');
    try {
      attempt();
    } catch (caught) {
      expect((caught as Error).message).not.toContain('7700900123');
    }
  });

  it('normalizes every keyed national number to E.164', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }).filter((digit) => digit !== 8),
        fc.stringMatching(/^\d{8}$/),
        (first, rest) => {
          const national = `0${first}${rest}`;
          const parsed = parseKeyedFrenchNumber(national);
          expect(parsed).toEqual({ ok: true, e164: `+33${first}${rest}` });
          expect(parseKeyedFrenchNumber(`0033${first}${rest}`)).toEqual(parsed);
          expect(parseE164FrenchNumber(`+33${first}${rest}`)).toEqual(parsed);
        },
      ),
    );
  });

  it('derives one requestId per contact and partner', () => {
    expect(callbackRequestId('c-1', 'line')).toBe(callbackRequestId('c-1', 'line'));
    expect(callbackRequestId('c-1', 'line')).not.toBe(callbackRequestId('c-1', 'cidff94'));
  });
});

describe('safe windows (Paris time)', () => {
  it('follows Paris time across daylight saving', () => {
    // 10:30 in Paris: 09:30Z in winter, 08:30Z in summer.
    expect(isWithinSafeWindows(['weekday-morning'], new Date('2026-01-14T09:30:00Z'))).toBe(true);
    expect(isWithinSafeWindows(['weekday-morning'], new Date('2026-07-15T08:30:00Z'))).toBe(true);
    expect(isWithinSafeWindows(['weekday-morning'], new Date('2026-07-15T10:30:00Z'))).toBe(false);
    expect(isWithinSafeWindows(['weekday-morning'], new Date('2026-07-18T08:30:00Z'))).toBe(false);
    expect(isWithinSafeWindows(['saturday-morning'], new Date('2026-07-18T08:30:00Z'))).toBe(true);
  });
});
