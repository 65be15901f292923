import * as fs from 'node:fs';
import * as path from 'node:path';
import { VAL_DE_MARNE_COMMUNES } from '#domain/qualification/communes.generated';
import { VAL_DE_MARNE_TERRITORIES } from '#domain/qualification/territories.generated';
import { readDepartementTerritories, renderTerritoriesModule } from '../../../local/cli/generate-territories';

describe('établissements publics territoriaux of the Val-de-Marne', () => {
  it('are generated from @etalab/decoupage-administratif (ept.json), not typed by hand (the file is up to date)', () => {
    const committed = fs.readFileSync(
      path.join(__dirname, '../../../domain/qualification/territories.generated.ts'),
      'utf8',
    );
    expect(committed).toBe(renderTerritoriesModule(readDepartementTerritories()));
  });

  it('are the three EPT, and every current commune belongs to exactly one of them', () => {
    expect(VAL_DE_MARNE_TERRITORIES.map((territory) => territory.name).sort()).toEqual([
      'Grand Paris Sud Est Avenir',
      'Grand-Orly Seine Bièvre',
      'Paris Est Marne et Bois',
    ]);
    const members = VAL_DE_MARNE_TERRITORIES.flatMap((territory) => [...territory.communes]);
    expect(new Set(members).size).toBe(members.length);
    expect(members.sort()).toEqual(VAL_DE_MARNE_COMMUNES.map((commune) => commune.code).sort());
  });
});
