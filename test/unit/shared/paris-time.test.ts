import { InvalidInstantError, parisClock, parisDay, parisHour } from '#domain/time/paris-time';

describe('Paris time', () => {
  test.each([
    // Winter (CET, UTC+1): late evening UTC is already the next Paris day.
    ['2026-03-10T23:30:00.000Z', '2026-03-11', 0],
    ['2026-03-10T09:15:00.000Z', '2026-03-10', 10],
    // Spring forward on 29 March 2026: 02:00 Paris does not exist.
    ['2026-03-29T00:59:59.000Z', '2026-03-29', 1],
    ['2026-03-29T01:00:00.000Z', '2026-03-29', 3],
    // Summer (CEST, UTC+2).
    ['2026-07-14T22:30:00.000Z', '2026-07-15', 0],
    // Fall back on 25 October 2026.
    ['2026-10-25T00:30:00.000Z', '2026-10-25', 2],
    ['2026-10-25T01:30:00.000Z', '2026-10-25', 2],
  ])('%s is %s at hour %i in Paris', (instant, day, hour) => {
    expect(parisDay(instant)).toBe(day);
    expect(parisHour(new Date(instant))).toBe(hour);
  });

  test('weekday as Connect spells it', () => {
    expect(parisClock('2026-03-14T20:40:00.000Z')).toEqual({
      day: '2026-03-14',
      hour: 21,
      minute: 40,
      weekday: 'SATURDAY',
    });
  });

  test('an invalid instant is a typed error', () => {
    expect(() => parisDay('not a date')).toThrow(InvalidInstantError);
  });
});
