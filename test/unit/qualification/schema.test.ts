import * as fs from 'node:fs';
import * as path from 'node:path';
import { VAL_DE_MARNE_COMMUNES } from '#domain/qualification/communes.generated';
import { COMMUNE_OPTIONS, QUALIFICATION_FIELDS, STATISTIC_FIELDS } from '#domain/qualification/schema';
import { readDepartementCommunes, renderCommunesModule } from '../../../local/cli/generate-communes';

describe('communes of the Val-de-Marne', () => {
  it('are the 47 current communes of the INSEE list, with known codes', () => {
    expect(VAL_DE_MARNE_COMMUNES).toHaveLength(47);
    const byCode = new Map<string, string>(
      VAL_DE_MARNE_COMMUNES.map((commune) => [commune.code, commune.name]),
    );
    expect(byCode.get('94028')).toBe('Créteil');
    expect(byCode.get('94081')).toBe('Vitry-sur-Seine');
    expect(byCode.get('94068')).toBe('Saint-Maur-des-Fossés');
    expect(byCode.get('94038')).toBe("L'Haÿ-les-Roses");
    expect(VAL_DE_MARNE_COMMUNES.every((commune) => /^94\d{3}$/.test(commune.code))).toBe(true);
  });

  it('are generated from @etalab/decoupage-administratif, not typed by hand (the file is up to date)', () => {
    const committed = fs.readFileSync(
      path.join(__dirname, '../../../domain/qualification/communes.generated.ts'),
      'utf8',
    );
    expect(committed).toBe(renderCommunesModule(readDepartementCommunes()));
  });

  it('offer "outside the Val-de-Marne" and "unknown" after the 47', () => {
    expect(COMMUNE_OPTIONS).toHaveLength(49);
    expect(COMMUNE_OPTIONS.slice(-2).map((option) => option.value)).toEqual(['outside94', 'unknown']);
  });
});

describe('qualification schema', () => {
  it('has unique field ids and unique values per field, each with a French label', () => {
    const ids = QUALIFICATION_FIELDS.map((field) => field.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const field of QUALIFICATION_FIELDS) {
      expect(field.label.length).toBeGreaterThan(2);
      if (field.kind === 'text') continue;
      const values = field.options.map((option) => option.value);
      expect(new Set(values).size).toBe(values.length);
      for (const option of field.options) expect(option.label.length).toBeGreaterThan(0);
    }
  });

  it('stores only choice fields: the callback text fields never reach the call record', () => {
    expect(STATISTIC_FIELDS.every((field) => field.kind !== ('text' as string))).toBe(true);
    const stored = STATISTIC_FIELDS.map((field) => field.id);
    expect(stored).not.toContain('callbackPhone');
    expect(stored).not.toContain('callbackCodeWord');
    expect(stored).toEqual([
      'callType',
      'callerRole',
      'gender',
      'ageBand',
      'commune',
      'violenceTypes',
      'childrenExposed',
      'firstCall',
      'callLanguage',
      'interpreterNeeded',
      'orientations',
      'partnerCallback',
    ]);
  });
});
