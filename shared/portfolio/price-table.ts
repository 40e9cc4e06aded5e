import { dayNumber } from './days.js';
import { FX_DP, PRICE_DP, parseScaledRounded, pow10 } from './fixed.js';

/**
 * Prices and FX rates parsed once into day-indexed arrays: the "cached prices" the value series walks with forward
 * cursors instead of calling a lookup per (symbol, day). Build it when prices load (one SQLite query per symbol,
 * ORDER BY date) and keep it while they do not change; a new live tick only appends or replaces the last point.
 *
 * A point holds from its date until the next point (carry-forward over weekends and holidays, DESIGN §5); before
 * the first point there is no value. Digits beyond 10 (prices) or 18 (rates) are rounded half-even at parse.
 */
export interface PricePoint {
  date: string;
  value: string;
}

export interface Series {
  days: Int32Array;
  /** Prices at scale 10^10, rates at scale 10^18. */
  values: bigint[];
}

export interface PriceTable {
  baseCurrency: string;
  /** Close per instrument symbol, in the instrument's currency. */
  prices: Map<string, Series>;
  /** Units of the base currency per one unit of each currency. */
  fx: Map<string, Series>;
  /** Points skipped because their value was not a positive plain decimal or their date was not YYYY-MM-DD. */
  skipped: number;
}

type Source = ReadonlyMap<string, readonly PricePoint[]> | Readonly<Record<string, readonly PricePoint[]>>;

function entries(src: Source): [string, readonly PricePoint[]][] {
  return src instanceof Map ? [...src] : Object.entries(src as Record<string, readonly PricePoint[]>);
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function buildSeries(points: readonly PricePoint[], dp: number): { series: Series; skipped: number } {
  const days = new Int32Array(points.length);
  const values: bigint[] = [];
  let n = 0;
  let skipped = 0;
  let last = -Infinity;
  for (const p of points) {
    const v = parseScaledRounded(p.value, dp);
    if (v === undefined || v <= 0n || !DATE_RE.test(p.date)) {
      skipped++;
      continue;
    }
    const d = dayNumber(p.date);
    if (d < last) throw new Error('price points must be sorted by date');
    if (d === last) {
      values[n - 1] = v; // a later point for the same day (a live tick after the close) replaces it
      continue;
    }
    days[n++] = d;
    values.push(v);
    last = d;
  }
  return { series: { days: n === days.length ? days : days.slice(0, n), values }, skipped };
}

export function buildPriceTable(input: { baseCurrency: string; prices: Source; fx: Source }): PriceTable {
  let skipped = 0;
  const prices = new Map<string, Series>();
  for (const [symbol, points] of entries(input.prices)) {
    const r = buildSeries(points, PRICE_DP);
    skipped += r.skipped;
    prices.set(symbol, r.series);
  }
  const fx = new Map<string, Series>();
  for (const [currency, points] of entries(input.fx)) {
    if (currency === input.baseCurrency) continue;
    const r = buildSeries(points, FX_DP);
    skipped += r.skipped;
    fx.set(currency, r.series);
  }
  return { baseCurrency: input.baseCurrency, prices, fx, skipped };
}

/** Index of the last point on or before `day`, or -1. */
export function indexAt(s: Series, day: number): number {
  let lo = 0;
  let hi = s.days.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (s.days[mid]! <= day) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export const ONE_FX = pow10(FX_DP);

/** Units of base per one `currency` on `day` at scale 10^18; undefined when no rate is known yet. */
export function fxAt(table: PriceTable, currency: string, day: number): bigint | undefined {
  if (currency === table.baseCurrency) return ONE_FX;
  const s = table.fx.get(currency);
  const i = s ? indexAt(s, day) : -1;
  return i < 0 ? undefined : s!.values[i];
}
