import { Dec } from '../../shared/decimal/index.js';
import type { DailyBar } from '../../shared/market.js';
import { numberToDecimalString } from './decimal.js';
import type { SplitEvent } from './types.js';

/**
 * A split from the two factors a provider gives (numbers as JSON has them), or undefined when either is not a
 * positive number or they are equal (no split). Decimals are kept as published (3-for-2 stays "3" and "2").
 */
export function splitOf(date: string, numerator: number, denominator: number): SplitEvent | undefined {
  if (!(numerator > 0) || !(denominator > 0) || numerator === denominator) return undefined;
  return { date, numerator: numberToDecimalString(numerator), denominator: numberToDecimalString(denominator) };
}

/**
 * A split from a single coefficient (new units per old one: "4.0" for 4-for-1, "0.1" for 1-for-10), as Alpha
 * Vantage's `8. split coefficient` says it. Below 1 it is written 1-for-(1 / c) when that is a whole number, so a
 * reverse split reads as one.
 */
export function splitOfCoefficient(date: string, coefficient: string): SplitEvent | undefined {
  const c = Dec.tryOf(coefficient.trim());
  if (!c || !c.isPos() || c.eq(Dec.ONE)) return undefined;
  if (c.gt(Dec.ONE)) return { date, numerator: c.toFixed(), denominator: '1' };
  const inverse = Dec.ONE.div(c);
  const whole = inverse.round(0);
  return whole.times(c).eq(Dec.ONE) ? { date, numerator: '1', denominator: whole.toFixed() } : { date, numerator: c.toFixed(), denominator: '1' };
}

/** Oldest first, one per date, only those in [from, to]. */
export function finishSplits(splits: Iterable<SplitEvent | undefined>, from: string, to: string): SplitEvent[] {
  const byDate = new Map<string, SplitEvent>();
  for (const s of splits) if (s && s.date >= from && s.date <= to) byDate.set(s.date, s);
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** Decimal places kept when a split-adjusted price is turned back into the price as traded. */
const AS_TRADED_PLACES = 8;

/**
 * Bars as traded, from bars a provider adjusted for the splits after each bar's date: a bar before a split of n-for-d
 * was divided by n/d, so it is multiplied back (its volume divided). Only the splits given are undone; each bar is
 * multiplied by the product of the ratios of those dated after it. Prices are rounded half-even to 8 places (a
 * 3-for-7 ratio does not end); an integer ratio multiplies exactly. Bars need not be sorted.
 */
export function asTraded(bars: readonly DailyBar[], splits: readonly SplitEvent[]): DailyBar[] {
  if (splits.length === 0) return [...bars];
  const sorted = [...splits].sort((a, b) => (a.date < b.date ? -1 : 1));
  const price = (v: string, n: Dec, d: Dec) => Dec.of(v).times(n).div(d).round(AS_TRADED_PLACES).toFixed();
  return bars.map((bar) => {
    let n = Dec.ONE;
    let d = Dec.ONE;
    for (const s of sorted) {
      if (s.date <= bar.date) continue;
      n = n.times(s.numerator);
      d = d.times(s.denominator);
    }
    if (n.eq(d)) return bar;
    const out: DailyBar = { date: bar.date, close: price(bar.close, n, d) };
    if (bar.open !== undefined) out.open = price(bar.open, n, d);
    if (bar.high !== undefined) out.high = price(bar.high, n, d);
    if (bar.low !== undefined) out.low = price(bar.low, n, d);
    if (bar.volume !== undefined) out.volume = Dec.of(bar.volume).times(d).div(n).round(0).toFixed();
    return out;
  });
}
