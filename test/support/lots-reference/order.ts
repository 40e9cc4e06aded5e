import { Dec, pow10 } from '../../../shared/decimal/index.js';
import type { CostMethod, Lot } from '../../../shared/lots/types.js';

interface Ordered extends Lot {
  seq: number;
}

/**
 * The order in which a method closes open lots. `lots` is oldest first (acquisition date, then the order opened).
 * FIFO and average cost take the oldest first, LIFO the newest, HIFO the highest cost per unit (ties: oldest first).
 */
export function orderForClosing<T extends Ordered>(lots: readonly T[], method: CostMethod): T[] {
  switch (method) {
    case 'fifo':
    case 'average':
      return [...lots];
    case 'lifo':
      return [...lots].reverse();
    case 'hifo':
      return [...lots].sort((a, b) => compareUnitCost(b, a) || a.acquired.localeCompare(b.acquired) || a.seq - b.seq);
  }
}

/**
 * Compares cost per unit exactly: a.cost / a.qty vs b.cost / b.qty, cross-multiplied on the scaled integers (a
 * sort of a position's lots makes many of these: no Dec is built for them).
 */
export function compareUnitCost(a: Lot, b: Lot): number {
  let x = a.cost.n * b.quantity.n;
  let y = b.cost.n * a.quantity.n;
  const sx = a.cost.s + b.quantity.s;
  const sy = b.cost.s + a.quantity.s;
  if (sx < sy) x *= pow10(sy - sx);
  else if (sy < sx) y *= pow10(sx - sy);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Cost per unit, for display (50 significant digits). */
export function unitCost(lot: Lot): Dec {
  return lot.cost.div(lot.quantity);
}
