import * as fc from 'fast-check';
import { COMMUNE_OPTIONS } from '#domain/qualification/schema';
import { VAL_DE_MARNE_TERRITORIES } from '#domain/qualification/territories.generated';
import { groupCommunes, territoryKey } from '../../../functions/monthly-report/commune-groups';

const CRETEIL = '94028';
const GPSEA = territoryKey('200058006');

describe('communes grouped by territory', () => {
  it('keeps a commune with 5 calls or more as its row, and sums the others into their EPT', () => {
    const counts = new Map([
      [CRETEIL, 12],
      ['94002', 3], // Alfortville, Grand Paris Sud Est Avenir
      ['94004', 1], // Boissy-Saint-Léger, same EPT
      ['94081', 4], // Vitry-sur-Seine, Grand-Orly Seine Bièvre
      ['outside94', 2],
    ]);
    const grouped = groupCommunes(COMMUNE_OPTIONS, counts);
    expect(grouped.options.map((option) => option.value)).toEqual([
      CRETEIL,
      ...VAL_DE_MARNE_TERRITORIES.map((territory) => territoryKey(territory.code)),
      'outside94',
      'unknown',
    ]);
    expect(grouped.counts.get(CRETEIL)).toBe(12);
    expect(grouped.counts.get(GPSEA)).toBe(4);
    expect(grouped.counts.get(territoryKey('200058014'))).toBe(4);
    expect(grouped.options.find((option) => option.value === GPSEA)?.label).toBe(
      'Autres communes de l’EPT Grand Paris Sud Est Avenir',
    );
  });

  it('loses no call and names no commune under 5 (property)', () => {
    const communeCounts = fc.array(
      fc.tuple(fc.constantFrom(...COMMUNE_OPTIONS.map((o) => o.value)), fc.nat(12)),
    );
    fc.assert(
      fc.property(communeCounts, (entries) => {
        const counts = new Map<string, number>();
        for (const [value, count] of entries) counts.set(value, (counts.get(value) ?? 0) + count);
        const grouped = groupCommunes(COMMUNE_OPTIONS, counts);
        const sum = (map: ReadonlyMap<string, number>) => [...map.values()].reduce((a, b) => a + b, 0);
        expect(sum(grouped.counts)).toBe(sum(counts));
        for (const option of grouped.options) {
          if (/^94\d{3}$/.test(option.value))
            expect(grouped.counts.get(option.value)).toBeGreaterThanOrEqual(5);
        }
      }),
      { numRuns: 500 },
    );
  });
});
