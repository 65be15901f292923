import { isLineOpen, type LineHours } from '#domain/time/line-hours';
import { prod as config } from '../../../config/stages/prod';

// Weekdays 09:00-17:00 Paris, holidays 2026-2028 (the stage config).
const hours: LineHours = config;

describe('isLineOpen', () => {
  test.each([
    ['Tuesday 10:15 (winter)', '2026-03-10T09:15:00.000Z', true],
    ['Tuesday 09:00 sharp opens', '2026-03-10T08:00:00.000Z', true],
    ['Tuesday 08:59', '2026-03-10T07:59:00.000Z', false],
    ['Tuesday 17:00 sharp is closed', '2026-03-10T16:00:00.000Z', false],
    ['Tuesday 16:59', '2026-03-10T15:59:00.000Z', true],
    ['Saturday 10:00', '2026-03-14T09:00:00.000Z', false],
    ['Sunday 11:00', '2026-03-15T10:00:00.000Z', false],
    ['Wednesday 09:00 in summer (07:00 UTC)', '2026-07-15T07:00:00.000Z', true],
    ['Wednesday 08:59 in summer', '2026-07-15T06:59:00.000Z', false],
    ['Easter Monday 2026 (6 April)', '2026-04-06T08:00:00.000Z', false],
    ['Ascension 2026 (14 May)', '2026-05-14T08:00:00.000Z', false],
    ['Whit Monday 2026 (25 May)', '2026-05-25T08:00:00.000Z', false],
    ['14 July 2026 (a Tuesday)', '2026-07-14T08:00:00.000Z', false],
    ['Easter Monday 2027 (29 March)', '2027-03-29T08:00:00.000Z', false],
    ['the day after Easter Monday 2026', '2026-04-07T08:00:00.000Z', true],
  ])('%s → %s', (_label, instant, open) => {
    expect(isLineOpen(instant, hours)).toBe(open);
  });

  test('holidays count only for the configured years, as in the Connect hours', () => {
    // 14 July 2026 is a Tuesday; without 2026 in the years the line follows weekday hours.
    expect(isLineOpen('2026-07-14T08:00:00.000Z', { ...hours, holidayYears: [2027] })).toBe(true);
  });
});
