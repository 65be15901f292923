import type { FieldOption } from '#domain/qualification/schema';
import { VAL_DE_MARNE_TERRITORIES } from '#domain/qualification/territories.generated';
import { SMALL_CELL_THRESHOLD } from './suppression';

/**
 * The commune table's rows: a commune with 5 calls or more is a row of its own; the others are summed
 * into one row per établissement public territorial (EPT) of the Val-de-Marne, from the package's
 * reference data (domain/qualification/territories.generated.ts). Values that are not communes
 * (outside the département, unknown) stay rows of their own.
 */

/** Row key of a territory's grouped communes. */
export const territoryKey = (code: string) => `ept:${code}`;

const TERRITORY_OF = new Map<string, (typeof VAL_DE_MARNE_TERRITORIES)[number]>(
  VAL_DE_MARNE_TERRITORIES.flatMap((territory) => territory.communes.map((commune) => [commune, territory])),
);

/** Groups the communes with fewer than 5 calls by territory; counts are keyed by option value. */
export function groupCommunes(
  options: readonly FieldOption[],
  counts: ReadonlyMap<string, number>,
): { options: FieldOption[]; counts: Map<string, number> } {
  const rows: FieldOption[] = [];
  const grouped = new Map<string, number>();
  const territories = new Map<string, FieldOption>();
  for (const option of options) {
    const count = counts.get(option.value) ?? 0;
    const territory = TERRITORY_OF.get(option.value);
    if (territory === undefined || count >= SMALL_CELL_THRESHOLD) {
      rows.push(option);
      grouped.set(option.value, count);
      continue;
    }
    const key = territoryKey(territory.code);
    if (!territories.has(key)) {
      territories.set(key, { value: key, label: `Autres communes de l’EPT ${territory.name}` });
    }
    grouped.set(key, (grouped.get(key) ?? 0) + count);
  }
  // Communes, then the territories' other communes (reference order), then "outside" and "unknown".
  const communes = rows.filter((row) => TERRITORY_OF.has(row.value));
  const others = rows.filter((row) => !TERRITORY_OF.has(row.value));
  const territoryRows = VAL_DE_MARNE_TERRITORIES.flatMap(
    (territory) => territories.get(territoryKey(territory.code)) ?? [],
  );
  return { options: [...communes, ...territoryRows, ...others], counts: grouped };
}
