import { MAX_EXACT, pow10, POW10_NUMBER } from '../decimal/index.js';
import { QTY_DP } from './scales.js';

/**
 * A held quantity also kept as a double, for the value series' fast path (pending-sum.ts): the exact quantity at
 * scale 10^18 equals units × 10^(18 − digits), where `digits` is the most fraction digits of any trade since the
 * position was last empty (so the quantity is always a multiple of 10^(18 − digits)), and `units` is an exact double
 * integer or NaN when the quantity has no exact double at that scale.
 */
export interface SmallQuantity {
  units: number;
  digits: number;
}

const MAX_EXACT_BIG = BigInt(MAX_EXACT);
const exact = (x: number) => (x <= MAX_EXACT && x >= -MAX_EXACT ? x : NaN);

/**
 * Follows one trade of `units` × 10^-`digits` (from ParsedActivity.qtyUnits/qtyDigits) bought or sold, given the
 * position's exact quantity after it. Every double step is checked (exact or NaN); a NaN is recomputed from the
 * exact quantity by one BigInt division, so a large position costs what it did before and a small one nothing.
 */
export function followTrade(q: SmallQuantity, after: bigint, units: number, digits: number, buy: boolean): void {
  if (after === 0n) {
    q.units = 0;
    q.digits = 0;
    return;
  }
  let n = q.units;
  let d = q.digits;
  if (digits > d) {
    n = exact(n * POW10_NUMBER[digits - d]!);
    d = digits;
  }
  const u = exact(units * POW10_NUMBER[d - digits]!);
  n = exact(buy ? n + u : n - u);
  if (Number.isNaN(n)) {
    const scaled = after / pow10(QTY_DP - d);
    n = scaled <= MAX_EXACT_BIG && scaled >= -MAX_EXACT_BIG ? Number(scaled) : NaN;
  }
  q.units = n;
  q.digits = d;
}
