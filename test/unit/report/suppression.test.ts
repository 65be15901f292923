import * as fc from 'fast-check';
import {
  type PublishedCell,
  SMALL_CELL_THRESHOLD,
  suppressTable,
} from '../../../functions/monthly-report/suppression';

/** Runs of the disclosure property: random tables, biased towards the small counts that matter. */
const RUNS = 5_000;

/**
 * What a reader can tell of each value from the published table alone, knowing the rules: a shown
 * number is exact; "< 5" is 1 to 4 (0 to 4 when the whole table is "< 5"); "masqué" is 5 or more.
 */
function readerBounds(cell: PublishedCell, wholeTableHidden: boolean): { lo: number; hi: number } {
  if (cell.suppression === 'none') return { lo: cell.count, hi: cell.count };
  if (cell.suppression === 'small') return { lo: wholeTableHidden ? 0 : 1, hi: SMALL_CELL_THRESHOLD - 1 };
  return { lo: SMALL_CELL_THRESHOLD, hi: Number.POSITIVE_INFINITY };
}

/** Sums reachable by choosing one value in each interval, up to `cap` (a plain DP, no shortcut). */
function reachableSums(bounds: readonly { lo: number; hi: number }[], cap: number): boolean[] {
  let reachable = Array.from({ length: cap + 1 }, (_, sum) => sum === 0);
  for (const { lo, hi } of bounds) {
    const next = Array.from({ length: cap + 1 }, () => false);
    for (let sum = 0; sum <= cap; sum += 1) {
      if (!reachable[sum]) continue;
      for (let value = lo; value <= Math.min(hi, cap - sum); value += 1) next[sum + value] = true;
    }
    reachable = next;
  }
  return reachable;
}

/**
 * The values ≥ 1 the hidden entry `target` (a cell index, or "total") could take, given every published
 * cell, every mark and the total (published or not), up to `cap`.
 */
function consistentValues(
  published: { cells: readonly PublishedCell[]; total: PublishedCell },
  target: number | 'total',
  cap: number,
): number[] {
  const wholeTableHidden = published.total.suppression === 'small';
  const bounds = published.cells.map((cell) => readerBounds(cell, wholeTableHidden));
  const totalBounds = readerBounds(published.total, false);
  const values: number[] = [];
  if (target === 'total') {
    const cells = reachableSums(bounds, cap);
    for (let total = Math.max(1, totalBounds.lo); total <= Math.min(totalBounds.hi, cap); total += 1) {
      if (cells[total]) values.push(total);
    }
    return values;
  }
  const target_ = bounds[target] as { lo: number; hi: number };
  const others = reachableSums(
    bounds.filter((_, index) => index !== target),
    cap,
  );
  for (let value = Math.max(1, target_.lo); value <= Math.min(target_.hi, cap); value += 1) {
    // Some choice of the others makes a total the reader cannot rule out.
    const fits = others.some(
      (reachable, sum) => reachable && value + sum >= totalBounds.lo && value + sum <= totalBounds.hi,
    );
    if (fits) values.push(value);
  }
  return values;
}

const counts = fc.array(fc.oneof(fc.nat({ max: 6 }), fc.nat({ max: 60 })), { minLength: 1, maxLength: 12 });
const cellsOf = (values: readonly number[]) =>
  values.map((count, index) => ({ key: `k${index}`, label: `L${index}`, count }));

describe('complementary suppression (property)', () => {
  it(`leaves every hidden value of a published table at least two possible values ≥ 1 (${RUNS} tables)`, () => {
    let hiddenChecked = 0;
    fc.assert(
      fc.property(counts, (values) => {
        const total = values.reduce((sum, count) => sum + count, 0);
        const published = suppressTable(cellsOf(values), total, { partition: true });
        const cap = 2 * total + 2 * SMALL_CELL_THRESHOLD;
        const targets: (number | 'total')[] = published.cells
          .map((cell, index) => (cell.suppression === 'none' ? -1 : index))
          .filter((index) => index >= 0);
        if (published.total.suppression !== 'none') targets.push('total');
        for (const target of targets) {
          hiddenChecked += 1;
          const possible = consistentValues(published, target, cap);
          // The true value is always among them: the reader's model is sound.
          const truth = target === 'total' ? total : (values[target] as number);
          if (truth >= 1) expect(possible).toContain(truth);
          expect(possible.length).toBeGreaterThanOrEqual(2);
        }
      }),
      { numRuns: RUNS },
    );
    expect(hiddenChecked).toBeGreaterThan(RUNS);
  });

  it('shows every count of 1 to 4 as "< 5", and every other visible count exactly', () => {
    fc.assert(
      fc.property(counts, (values) => {
        const total = values.reduce((sum, count) => sum + count, 0);
        const published = suppressTable(cellsOf(values), total, { partition: true });
        for (const cell of published.cells) {
          if (cell.count > 0 && cell.count < SMALL_CELL_THRESHOLD) expect(cell.shown).toBe('< 5');
          if (cell.suppression === 'none') expect(cell.shown).toBe(String(cell.count));
          if (cell.suppression === 'complementary') expect(cell.count).toBeGreaterThanOrEqual(5);
        }
        const hidden = published.cells.filter((cell) => cell.suppression !== 'none');
        // The difference with the total is never a single hidden cell.
        if (published.total.suppression === 'none')
          expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
        if (total > 0 && total < 5) {
          expect(published.total.shown).toBe('< 5');
          expect(published.cells.every((cell) => cell.shown === '< 5')).toBe(true);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('hides more than one complement when one is not enough: 1 beside a 5 would be read back', () => {
    // 5 + 1 = 6 with the 5 known to be ≥ 5 and the 1 ≥ 1: both would be exact, so the 7 goes too.
    const published = suppressTable(cellsOf([1, 5, 7, 30]), 43, { partition: true });
    expect(published.cells.map((cell) => cell.shown)).toEqual(['< 5', 'masqué', 'masqué', '30']);
  });

  it('never uses an anchored cell as the complement: it hides the total instead', () => {
    const published = suppressTable(
      [
        { key: 'real', label: 'Réel', count: 30 },
        { key: 'silent', label: 'Silencieux', count: 2 },
      ],
      32,
      { partition: true, anchors: ['real'] },
    );
    expect(published.cells.map((cell) => cell.shown)).toEqual(['30', '< 5']);
    expect(published.total.shown).toBe('masqué');
  });

  it('applies primary suppression only to a multi-choice table (its rows do not add up)', () => {
    const published = suppressTable(cellsOf([3, 30, 12]), 40, { partition: false });
    expect(published.cells.map((cell) => cell.shown)).toEqual(['< 5', '30', '12']);
    expect(published.total.shown).toBe('40');
  });
});
