import * as fs from 'node:fs';
import { RESOURCE_PRICING } from '../../bench/cost/cost-model';
import { PRICES } from '../../bench/cost/prices';
import { COST_DOC, generateCostDoc } from '../../bench/cost/run';
import { synthesizeLine } from '../support/synth';

const line = synthesizeLine();
const templates = [line.data, line.line, line.observability];
const types = new Set(
  templates.flatMap((template) =>
    Object.values(
      (template.toJSON() as { Resources?: Record<string, { Type: string }> }).Resources ?? {},
    ).map((resource) => resource.Type),
  ),
);

describe('the cost model (docs/cost.md)', () => {
  test('every resource type of the templates is priced, or stated as not billed', () => {
    expect([...types].filter((type) => RESOURCE_PRICING[type] === undefined)).toEqual([]);
  });

  test('every price row a resource names exists, with a source and a date read', () => {
    const ids = new Set<string>(PRICES.map((price) => price.id));
    for (const pricing of Object.values(RESOURCE_PRICING)) {
      if (pricing === 'free') continue;
      expect(pricing.filter((id) => !ids.has(id))).toEqual([]);
    }
    for (const price of PRICES) {
      expect(price.source).not.toBe('');
      expect(price.read).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (price.usd === null) expect(price.source).toMatch(/^not found, from \S+ as of \d{4}-\d{2}-\d{2}/);
    }
  });

  test('docs/cost.md is what npm run cost generates now', () => {
    expect(fs.readFileSync(COST_DOC, 'utf8')).toBe(generateCostDoc());
  });
});
