import { aggregateMonth, type StatTable } from '../../../functions/monthly-report/aggregate';
import { renderCsv, renderHtml } from '../../../functions/monthly-report/render';
import { real, seededCalls } from '../../support/seeded-month';

const answered = { outcome: 'answered' as const, waitSeconds: 30, talkSeconds: 600 };

/** November 2026: 51 calls, 33 qualified, 30 real calls. */
const NOVEMBER = seededCalls([
  { count: 20, record: { ...answered, qualification: real({}) } },
  {
    count: 7,
    record: {
      ...answered,
      waitSeconds: 90,
      qualification: real({ callerRole: 'closeOne', commune: '94081' }),
    },
  },
  {
    count: 3,
    record: {
      ...answered,
      waitSeconds: 300,
      qualification: real({
        callerRole: 'professional',
        partnerCallback: 'cidff94',
        violenceTypes: ['physical', 'psychological'],
      }),
    },
  },
  { count: 3, record: { ...answered, qualification: { schemaVersion: 1, callType: 'silent' } } },
  { count: 7, record: { ...answered } },
  { count: 6, record: { outcome: 'missed_in_queue', waitSeconds: 200 } },
  { count: 3, record: { outcome: 'abandoned_in_ivr' } },
  { count: 2, record: { outcome: 'out_of_hours' } },
]);

const report = aggregateMonth('2026-11', NOVEMBER, { generatedAt: new Date('2026-12-01T03:00:00Z') });
const tableOf = (id: string) => report.tables.find((table) => table.id === id) as StatTable;
const shown = (id: string) => Object.fromEntries(tableOf(id).cells.map((cell) => [cell.key, cell.shown]));
const indicator = (id: string) => report.indicators.find((entry) => entry.id === id)?.shown;

describe('monthly report on a seeded month', () => {
  it('counts calls by outcome, with the missed-call rate among queued callers and wait percentiles', () => {
    expect(tableOf('outcomes').total.shown).toBe('51');
    expect(shown('outcomes')).toMatchObject({ answered: '40', missed_in_queue: '6' });
    // 6 missed out of 46 queued callers.
    expect(indicator('missedRate')).toBe('13,0 %');
    // 46 waits: 20+3(silent)+7 at 30 s, 7 at 90 s, 3 at 300 s, 6 at 200 s.
    expect(indicator('waitP50')).toBe('30 s');
    expect(indicator('waitP90')).toBe('3 min 20 s');
    expect(indicator('talkP50')).toBe('10 min 00 s');
  });

  it('counts qualifications by type, and real calls by caller role, commune, violence type and callback', () => {
    expect(shown('callType')).toMatchObject({ real: '30', silent: '< 5' });
    expect(indicator('realCalls')).toBe('30');
    expect(shown('commune')).toMatchObject({ '94028': '23', '94081': '7', outside94: '0' });
    // Multi-choice: a call counts in each type it mentions; no complement needed.
    expect(shown('violenceTypes')).toMatchObject({ psychological: '30', physical: '< 5', sexual: '0' });
    // A lone small cell: its only non-zero neighbour is masked too, or 30 − 27 would give it away.
    expect(shown('partnerCallback')).toMatchObject({ none: 'masqué', cidff94: '< 5', apce94: '0' });
  });

  it('hides a lone small cell together with a complement, so total minus visible cells reveals nothing', () => {
    // victim 20, closeOne 7, professional 3: professional is small, closeOne (smallest other) is masked.
    expect(shown('callerRole')).toEqual({ victim: '20', closeOne: 'masqué', professional: '< 5' });
    // silent is small; "real" (30) is published elsewhere, so the total is hidden instead.
    expect(tableOf('callType').cells.find((cell) => cell.key === 'real')?.shown).toBe('30');
    expect(shown('callType')).toMatchObject({ wrongNumber: '0', abusive: '0' });
    expect(tableOf('callType').total.shown).toBe('masqué');
    expect(indicator('qualified')).toBe('masqué');
  });

  it('never writes a hidden count to the CSV or the page, and bars of hidden cells have a fixed size', () => {
    const csv = renderCsv(report);
    expect(csv).toContain('callerRole;professional;Professionnel·le;< 5');
    expect(csv).toContain('callerRole;closeOne;Proche;masqué');
    expect(csv).not.toMatch(/callerRole;(professional|closeOne);[^;]*;\d/);
    const html = renderHtml(report);
    expect(html).toContain('<td>Proche</td><td class="n">masqué</td>');
    expect(html).toContain('&lt; 5');
    expect(html).not.toMatch(/<td>Proche<\/td><td class="n">7/);
    expect(html).toContain('<svg');
  });

  it('withholds rates and percentiles whose base is under 5, and a rate whose numerator is hidden', () => {
    const small = aggregateMonth(
      '2026-11',
      seededCalls([
        { count: 9, record: answered },
        { count: 2, record: { outcome: 'missed_in_queue', waitSeconds: 100 } },
      ]),
      { generatedAt: new Date() },
    );
    const value = (id: string) => small.indicators.find((entry) => entry.id === id)?.shown;
    expect(value('callsMissed')).toBe('< 5');
    expect(value('missedRate')).toBe('non publié (effectif < 5)');
    expect(value('qualified')).toBe('0');
    expect(value('talkP50')).toBe('10 min 00 s');
  });

  it('shows a commune with few calls only inside its territory (EPT), never as a row of its own', () => {
    const month = aggregateMonth(
      '2026-11',
      seededCalls([
        { count: 20, record: { ...answered, qualification: real({}) } },
        // Alfortville and Boissy-Saint-Léger, both in Grand Paris Sud Est Avenir.
        { count: 3, record: { ...answered, qualification: real({ commune: '94002' }) } },
        { count: 4, record: { ...answered, qualification: real({ commune: '94004' }) } },
      ]),
      { generatedAt: new Date() },
    );
    const communes = month.tables.find((table) => table.id === 'commune') as StatTable;
    const keys = communes.cells.map((cell) => cell.key);
    expect(keys).not.toContain('94002');
    expect(keys).not.toContain('94004');
    expect(communes.cells.find((cell) => cell.key === 'ept:200058006')).toMatchObject({
      label: 'Autres communes de l’EPT Grand Paris Sud Est Avenir',
      shown: '7',
    });
    expect(communes.cells.find((cell) => cell.key === '94028')?.shown).toBe('20');
  });
});
