import { frenchHolidayOverrides, HolidayYearsError } from '#domain/time/french-holidays';

describe('frenchHolidayOverrides', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it('gives the eleven metropolitan holidays of 2026 with the Easter-based ones right', () => {
    const closures = frenchHolidayOverrides([2026]);

    expect(closures.map((closure) => closure.date)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
    expect(closures).toContainEqual({ name: 'Lundi de Pâques', date: '2026-04-06', day: 'MONDAY' });
    expect(closures).toContainEqual({ name: 'Ascension', date: '2026-05-14', day: 'THURSDAY' });
    expect(closures).toContainEqual({ name: 'Lundi de Pentecôte', date: '2026-05-25', day: 'MONDAY' });
  });

  it('follows Easter across years (2027: Easter on 28 March, 2028: on 16 April)', () => {
    const byName = (year: number) =>
      new Map(frenchHolidayOverrides([year]).map((closure) => [closure.name, closure.date]));

    expect(byName(2027).get('Lundi de Pâques')).toBe('2027-03-29');
    expect(byName(2027).get('Ascension')).toBe('2027-05-06');
    expect(byName(2027).get('Lundi de Pentecôte')).toBe('2027-05-17');
    expect(byName(2028).get('Lundi de Pâques')).toBe('2028-04-17');
    expect(byName(2028).get('Ascension')).toBe('2028-05-25');
    expect(byName(2028).get('Lundi de Pentecôte')).toBe('2028-06-05');
  });

  it.each(['UTC', 'Europe/Paris', 'America/New_York', 'Pacific/Kiritimati'])(
    'gives the same dates whatever the process time zone (%s)',
    (timeZone) => {
      process.env.TZ = 'UTC';
      const reference = frenchHolidayOverrides([2026, 2027, 2028]);
      process.env.TZ = timeZone;

      expect(frenchHolidayOverrides([2026, 2027, 2028])).toEqual(reference);
    },
  );

  it('gives the weekday each date really falls on', () => {
    const weekdays = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];
    for (const closure of frenchHolidayOverrides([2026, 2027, 2028])) {
      const utcDay = new Date(`${closure.date}T12:00:00Z`).getUTCDay();
      expect(closure.day).toBe(weekdays[utcDay]);
    }
  });

  it('sorts across years and ignores a repeated year', () => {
    const closures = frenchHolidayOverrides([2027, 2026, 2027]);

    expect(closures).toHaveLength(22);
    expect(closures[0]?.date).toBe('2026-01-01');
    expect(closures.at(-1)?.date).toBe('2027-12-25');
  });

  it('rejects a year that is not a plausible calendar year', () => {
    expect(() => frenchHolidayOverrides([26])).toThrow(HolidayYearsError);
    expect(() => frenchHolidayOverrides([2026.5])).toThrow('holiday year 2026.5');
  });
});
