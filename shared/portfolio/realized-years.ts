import { yearOf } from './days.js';
import { formatFixed, MAX_EXACT, pow10 } from '../decimal/index.js';
import { AMOUNT_DP } from './scales.js';
import { Position } from './position.js';

/** Realized P&L per calendar year (of the sells' UTC dates) and currency, exact, kept up to date per position. */
// Per position, its realized P&L per year, known by the number of sells it was summed from: a position's list only
// grows (a clone copies it, a replay makes a new position), so an unchanged position is not summed again.
const yearsMemo = new WeakMap<Position, { sells: number; years: Map<number, bigint> }>();

/** A position's realized P&L per calendar year of the sells' (UTC) dates, scale 10^28. */
export function realizedYears(p: Position): Map<number, bigint> {
  const sells = p.realizedSells;
  const hit = yearsMemo.get(p);
  if (hit && hit.sells === sells.length) return hit.years;
  const minor = new Map<number, number>();
  const years = new Map<number, bigint>();
  let lastDay = NaN;
  let year = 0;
  for (const s of sells) {
    if (s.day !== lastDay) year = yearOf((lastDay = s.day));
    const sum = (minor.get(year) ?? 0) + s.pnlMinor;
    // In doubles while the sum is exact (a NaN pnlMinor fails the test too); else that sell in BigInt.
    if (sum <= MAX_EXACT && sum >= -MAX_EXACT) minor.set(year, sum);
    else years.set(year, (years.get(year) ?? 0n) + s.pnl);
  }
  const unit = pow10(AMOUNT_DP - p.minorUnit);
  for (const [y, m] of minor) years.set(y, (years.get(y) ?? 0n) + BigInt(m) * unit);
  yearsMemo.set(p, { sells: sells.length, years });
  return years;
}

/** Realized P&L per calendar year and currency, exact (scale 10^28), with each currency's minor unit. */
export type RealizedSums = ReadonlyMap<number, ReadonlyMap<string, { readonly v: bigint; readonly mu: number }>>;

export function realizedSums(positions: Iterable<Position>): RealizedSums {
  const acc = new Map<number, Map<string, { v: bigint; mu: number }>>();
  for (const p of positions) addYears(acc, p, 1n);
  return acc;
}

function addYears(acc: Map<number, Map<string, { v: bigint; mu: number }>>, p: Position, sign: bigint): void {
  for (const [year, v] of realizedYears(p)) {
    let y = acc.get(year);
    if (!y) acc.set(year, (y = new Map()));
    const c = y.get(p.currency);
    y.set(p.currency, { v: (c?.v ?? 0n) + sign * v, mu: p.minorUnit });
  }
}

/**
 * The sums with one position replaced (`before` undefined: a new one), without summing the others again. A
 * position's sells are never removed (the log is append-only), so every year and currency the full sum lists is
 * still listed, zero or not, exactly as realizedSums would give.
 */
export function replaceInSums(sums: RealizedSums, before: Position | undefined, after: Position): RealizedSums {
  const acc = new Map<number, Map<string, { v: bigint; mu: number }>>();
  sums.forEach((row, year) => acc.set(year, new Map(row)));
  if (before) addYears(acc, before, -1n);
  addYears(acc, after, 1n);
  return acc;
}

/** { "2024": { "USD": "12.30" } }, years and currencies in order. */
export function formatRealized(sums: RealizedSums): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const year of [...sums.keys()].sort((a, b) => a - b)) {
    const row: Record<string, string> = {};
    for (const [cur, { v, mu }] of [...sums.get(year)!].sort(([a], [b]) => a.localeCompare(b))) row[cur] = formatFixed(v, AMOUNT_DP, mu);
    out[String(year)] = row;
  }
  return out;
}

/** Realized P&L per calendar year and currency: { "2024": { "USD": "12.30" } }. */
export function realizedByYear(positions: Iterable<Position>): Record<string, Record<string, string>> {
  return formatRealized(realizedSums(positions));
}
