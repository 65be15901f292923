import { validateQualification } from '#domain/qualification/validate';
import { aggregateMonth, type StatTable } from '../../../functions/monthly-report/aggregate';
import { real, seededCalls } from '../../support/seeded-month';
import { CALLBACK, REAL_CALL_SUBMISSION } from '../qualification/fixtures';

/** The monthly report counts calls by language and interpreter need, with the same small-cell suppression. */

const answered = { outcome: 'answered' as const, waitSeconds: 30, talkSeconds: 600 };
const MONTH = seededCalls([
  {
    count: 20,
    record: { ...answered, qualification: real({ callLanguage: 'fr', interpreterNeeded: 'no' }) },
  },
  {
    count: 6,
    record: { ...answered, qualification: real({ callLanguage: 'ar', interpreterNeeded: 'yes' }) },
  },
  {
    count: 2,
    record: { ...answered, qualification: real({ callLanguage: 'tr', interpreterNeeded: 'yes' }) },
  },
]);

const report = aggregateMonth('2026-11', MONTH, { generatedAt: new Date('2026-12-01T03:00:00Z') });
const shown = (id: string) => {
  const table = report.tables.find((candidate) => candidate.id === id) as StatTable;
  return Object.fromEntries(table.cells.map((cell) => [cell.key, cell.shown]));
};

describe('calls by language in the monthly report', () => {
  it('counts the calls of each language, hiding the small cells', () => {
    const byLanguage = shown('callLanguage');
    expect(byLanguage.fr).toBe('20');
    // 2 Turkish-speaking calls are too few to show; Arabic is hidden too, or 28 - 20 would give them away.
    expect(byLanguage.tr).toBe('< 5');
    expect(byLanguage.ar).toBe('masqué');
  });

  it('counts the calls that needed an interpreter', () => {
    expect(shown('interpreterNeeded')).toEqual(expect.objectContaining({ yes: '8', no: '20' }));
  });
});

describe('the qualification carries the call’s language to the partner callback', () => {
  it('adds the language to a partner callback request', () => {
    const validation = validateQualification({
      ...REAL_CALL_SUBMISSION,
      ...CALLBACK,
      callLanguage: 'ar',
      interpreterNeeded: 'yes',
    });
    expect(validation).toEqual(
      expect.objectContaining({
        ok: true,
        qualification: expect.objectContaining({ callLanguage: 'ar', interpreterNeeded: 'yes' }),
        callback: expect.objectContaining({ language: 'ar' }),
      }),
    );
  });
});
