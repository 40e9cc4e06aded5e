import { Dec } from '../decimal/index.js';
import type { CostMethod, Lot } from './types.js';

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

/** Compares cost per unit exactly: a.cost / a.qty vs b.cost / b.qty, cross-multiplied. */
export function compareUnitCost(a: Lot, b: Lot): number {
  return a.cost.times(b.quantity).cmp(b.cost.times(a.quantity));
}

/** Cost per unit, for display (50 significant digits). */
export function unitCost(lot: Lot): Dec {
  return lot.cost.div(lot.quantity);
}
