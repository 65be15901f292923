import { CallbackRecordShapeError, parseCallbackRecord } from '#domain/callbacks/record';

/** A record as dispatch-callback writes it, then claimed once. */
const stored = {
  requestId: '01J5Z8Q8Y1ZJ3M4N5P6Q7R8S9T',
  contactId: 'c-1',
  partnerId: 'cidff94',
  status: 'claimed',
  partnerStatus: 'cidff94#claimed',
  createdAt: '2026-03-02T10:00:00.000Z',
  dueBy: '2026-03-04T10:00:00.000Z',
  slaDueBy: '2026-03-04T10:00:00.000Z',
  safeToCall: true,
  mayLeaveMessage: false,
  safeWindows: ['weekday-morning'],
  language: 'fr',
  hasCodeWord: true,
  encryptedContact: 'QUVTLUdDTS1jaXBoZXJ0ZXh0',
  attempts: 0,
  renotifications: 0,
  claimedBy: 'cidff94/marie',
  notifiedAt: '2026-03-02T10:00:01.000Z',
  version: 1,
  history: [
    { at: '2026-03-02T10:00:00.000Z', action: 'created', by: 'dispatch-callback' },
    { at: '2026-03-02T10:00:01.000Z', action: 'notified' },
    { at: '2026-03-02T11:00:00.000Z', action: 'claimed', by: 'cidff94/marie' },
  ],
};

describe('parseCallbackRecord', () => {
  it('reads a stored record and keeps the fields it does not know, as the table gains them', () => {
    const withNewFields = {
      ...stored,
      escalatedAt: '2026-03-03T10:00:00.000Z',
      history: [...stored.history, { at: '2026-03-02T12:00:00.000Z', action: 'opened', channel: 'portal' }],
    };
    expect(parseCallbackRecord(withNewFields)).toEqual(withNewFields);
  });

  it('names the fields that do not match, never their values', () => {
    const attempt = () =>
      parseCallbackRecord({
        ...stored,
        status: 'lost',
        attempts: -1,
        encryptedContact: 7,
        contactId: undefined,
      });
    expect(attempt).toThrow(CallbackRecordShapeError);
    expect(attempt).toThrow(
      `callbacks record ${stored.requestId} does not match its schema (contactId, status, encryptedContact, attempts)`,
    );
    try {
      attempt();
    } catch (caught) {
      expect((caught as CallbackRecordShapeError).fields).toEqual([
        'contactId',
        'status',
        'encryptedContact',
        'attempts',
      ]);
      expect((caught as Error).message).not.toContain('lost');
    }
  });

  it('refuses what is not a record, without crashing', () => {
    expect(() => parseCallbackRecord(null)).toThrow('callbacks record (unknown) does not match its schema');
    expect(() => parseCallbackRecord({ requestId: 'r-1', history: [{ at: 'yesterday' }] })).toThrow(
      /history\.0\.at, history\.0\.action/,
    );
  });
});
