/**
 * Small-cell suppression of one table (statistical secrecy), and the check that what it hides stays
 * hidden.
 *
 * - primary: any count from 1 to 4 is published as "< 5" (zero is published: it describes nobody);
 *   a table whose total is under 5 shows no count at all, zeros included;
 * - complementary: in a table whose rows add up to its total (single choice), further cells are hidden
 *   ("masqué"), smallest first, until no hidden value can be derived from the published cells and the
 *   total. A cell published elsewhere (an anchor) is never the complement; when no other cell is left,
 *   the total is hidden. Multi-choice tables (a call counts in several rows) do not add up to their
 *   total, so no difference reveals a cell and only primary suppression applies.
 *
 * "Derived" assumes a reader who knows these rules: a "< 5" is 1 to 4 (0 to 4 in a table shown with no
 * count), and a "masqué" is 5 or more, since only cells of 5 or more become complements.
 */

/** Counts under this are never published. */
export const SMALL_CELL_THRESHOLD = 5;

export type Suppression = 'none' | 'small' | 'complementary';

export interface PublishedCell {
  readonly key: string;
  readonly label: string;
  /** The true count: kept for charts' scale and tests only, never written to the outputs when hidden. */
  readonly count: number;
  readonly suppression: Suppression;
  /** What the CSV and the page show. */
  readonly shown: string;
}

export const SHOWN_SMALL = '< 5';
export const SHOWN_COMPLEMENTARY = 'masqué';

/** What a reader can tell of a hidden value from how it is shown: an interval (hi may be Infinity). */
export interface Bounds {
  readonly lo: number;
  readonly hi: number;
}

/** The bounds a reader infers from a suppression mark; `wholeTableHidden` when the total is "< 5". */
export function boundsOf(suppression: Exclude<Suppression, 'none'>, wholeTableHidden: boolean): Bounds {
  if (suppression === 'complementary') return { lo: SMALL_CELL_THRESHOLD, hi: Number.POSITIVE_INFINITY };
  return { lo: wholeTableHidden ? 0 : 1, hi: SMALL_CELL_THRESHOLD - 1 };
}

interface Unknown extends Bounds {
  readonly value: number;
  /** +1 for a cell, −1 for the total: the table says Σ cells − total = 0. */
  readonly sign: 1 | -1;
}

/**
 * Whether every hidden value of a partition table can take another value consistent with everything
 * published. In a box intersected with one linear equation, another solution exists for an unknown
 * exactly when it can move by one and another unknown can absorb that move, so this is exact.
 */
export function hidesEveryValue(
  cells: readonly { count: number; suppression: Suppression }[],
  total: { count: number; suppression: Suppression },
): boolean {
  const wholeTableHidden = total.suppression === 'small';
  const unknowns: Unknown[] = [];
  for (const cell of cells) {
    if (cell.suppression !== 'none')
      unknowns.push({ value: cell.count, sign: 1, ...boundsOf(cell.suppression, wholeTableHidden) });
  }
  if (total.suppression !== 'none')
    unknowns.push({ value: total.count, sign: -1, ...boundsOf(total.suppression, false) });
  const canRise = (unknown: Unknown) => unknown.value < unknown.hi;
  const canFall = (unknown: Unknown) => unknown.value > unknown.lo;
  // Moving `unknown` by +1 (direction 1) or −1 needs another that moves to keep the sum.
  const absorbs = (mover: Unknown, direction: 1 | -1) =>
    unknowns.some((other) => {
      if (other === mover) return false;
      const otherDirection = -direction * mover.sign * other.sign;
      return otherDirection > 0 ? canRise(other) : canFall(other);
    });
  return unknowns.every(
    (unknown) => (canRise(unknown) && absorbs(unknown, 1)) || (canFall(unknown) && absorbs(unknown, -1)),
  );
}

const isSmall = (count: number) => count > 0 && count < SMALL_CELL_THRESHOLD;

function publish(key: string, label: string, count: number, suppression: Suppression): PublishedCell {
  const shown =
    suppression === 'small'
      ? SHOWN_SMALL
      : suppression === 'complementary'
        ? SHOWN_COMPLEMENTARY
        : String(count);
  return { key, label, count, suppression, shown };
}

/**
 * Applies primary and complementary suppression to one table's cells and its total.
 * `anchors` are cells whose value is published elsewhere (e.g. the number of real calls, which is the
 * total of every real-call table): hiding one would not hide it, so they are never the complement.
 */
export function suppressTable(
  cells: readonly { key: string; label: string; count: number }[],
  total: number,
  options: { partition: boolean; anchors?: readonly string[] } = { partition: true },
): { cells: PublishedCell[]; total: PublishedCell } {
  if (isSmall(total)) {
    // Nothing at all: even a zero would narrow down where the few calls are.
    return {
      cells: cells.map((cell) => publish(cell.key, cell.label, cell.count, 'small')),
      total: publish('total', 'Total', total, 'small'),
    };
  }
  const hidden = new Map<string, Suppression>();
  for (const cell of cells) if (isSmall(cell.count)) hidden.set(cell.key, 'small');
  let totalSuppression: Suppression = 'none';
  if (options.partition) {
    const anchors = new Set(options.anchors ?? []);
    const complements = cells
      .filter((cell) => cell.count > 0 && !hidden.has(cell.key) && !anchors.has(cell.key))
      .sort((a, b) => a.count - b.count || a.key.localeCompare(b.key));
    const state = () => ({
      cells: cells.map((cell) => ({ count: cell.count, suppression: hidden.get(cell.key) ?? 'none' })),
      total: { count: total, suppression: totalSuppression },
    });
    while (hidden.size > 0 || totalSuppression !== 'none') {
      const current = state();
      if (hidesEveryValue(current.cells, current.total)) break;
      const next = complements.shift();
      if (next !== undefined) hidden.set(next.key, 'complementary');
      else if (totalSuppression === 'none') totalSuppression = 'complementary';
      else break;
    }
  }
  return {
    cells: cells.map((cell) => publish(cell.key, cell.label, cell.count, hidden.get(cell.key) ?? 'none')),
    total: publish('total', 'Total', total, totalSuppression),
  };
}
