import { dayNumber } from './days.js';
import { MAX_EXACT, parseUnitsRounded, pow10, POW10_NUMBER } from '../decimal/index.js';
import { FX_DP, PRICE_DP, lastScan } from './scales.js';

/**
 * Prices and FX rates parsed once into day-indexed arrays: the "cached prices" the value series walks with forward
 * cursors instead of calling a lookup per (symbol, day). Build it when prices load (one SQLite query per symbol,
 * ORDER BY date) and keep it while they do not change; a new live tick only appends or replaces the last point.
 *
 * A point holds from its date until the next point (carry-forward over weekends and holidays); before
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
  /**
   * values[i] − values[i − 1] (values[0] for the first point) divided by 10^stepExp, as a double that is an exact
   * integer, or NaN where it would not be exact (then use the bigint values). A new close moves a holding by
   * quantity × step: the value series does that ~600,000 times per snapshot, and with both factors small doubles
   * (performance.ts checks the product's magnitude) it costs no BigInt allocation.
   */
  steps: Float64Array;
  /** values[i] divided by 10^stepExp as an exact double integer, or NaN (like steps). */
  units: Float64Array;
  /** Every value is a multiple of 10^stepExp (the scale's digits the texts never used, e.g. 6 for 4-digit closes). */
  stepExp: number;
}

/**
 * Every price point of every symbol grouped by day (a counting sort done once per table), so the value series
 * touches only the instruments that have a new close that day instead of asking all of them every day.
 */
export interface DayIndex {
  firstDay: number;
  /** Points of day d are entries offsets[d − firstDay] .. offsets[d − firstDay + 1] − 1. */
  offsets: Int32Array;
  symbolIds: Int32Array;
  points: Int32Array;
}

export interface PriceTable {
  baseCurrency: string;
  /** Close per instrument symbol, in the instrument's currency. */
  prices: Map<string, Series>;
  /** Units of the base currency per one unit of each currency. */
  fx: Map<string, Series>;
  /** Symbol ids used by `byDay`. */
  symbols: string[];
  symbolIds: Map<string, number>;
  byDay: DayIndex;
  /** Points skipped because their value was not a positive plain decimal or their date was not YYYY-MM-DD. */
  skipped: number;
}

type Source = ReadonlyMap<string, readonly PricePoint[]> | Readonly<Record<string, readonly PricePoint[]>>;

function entries(src: Source): [string, readonly PricePoint[]][] {
  return src instanceof Map ? [...src] : Object.entries(src as Record<string, readonly PricePoint[]>);
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function buildSeries(points: readonly PricePoint[], dp: number): { series: Series; skipped: number } {
  const count = points.length;
  const days = new Int32Array(count);
  const values: bigint[] = [];
  // Each value's text digits as an integer and its fraction digits (lastScan), for the steps below.
  const units = new Float64Array(count);
  const digits = new Uint8Array(count);
  let n = 0;
  let skipped = 0;
  let last = -Infinity;
  let maxDigits = 0;
  for (let k = 0; k < count; k++) {
    const p = points[k]!;
    const v = parseUnitsRounded(p.value, dp, lastScan);
    if (v === undefined || v <= 0n || !DATE_RE.test(p.date)) {
      skipped++;
      continue;
    }
    const d = dayNumber(p.date);
    if (d < last) throw new Error('price points must be sorted by date');
    // A later point for the same day (a live tick after the close) replaces it.
    const at = d === last ? n - 1 : n++;
    days[at] = d;
    values[at] = v;
    units[at] = lastScan.units;
    digits[at] = lastScan.digits;
    if (lastScan.digits > maxDigits) maxDigits = lastScan.digits;
    last = d;
  }
  return { series: seriesOf(n === count ? days : days.slice(0, n), values, units, digits, n, dp, maxDigits), skipped };
}

/**
 * A series from its parsed points: values[i] = units[i] × 10^(dp − digits[i]) (units NaN when not an exact
 * double), maxDigits the most fraction digits of any point. Shared with packed-series.ts.
 */
export function seriesOf(days: Int32Array, values: bigint[], units: Float64Array, digits: Uint8Array, n: number, dp: number, maxDigits: number): Series {
  const small = smallOf(units, digits, n, maxDigits);
  return { days, values, steps: small.steps, units: small.units, stepExp: dp - maxDigits };
}

/**
 * The steps and values as doubles of a series whose values are units[i] × 10^(dp − digits[i]): at scale 10^(dp − maxDigits) a value is
 * units[i] × 10^(maxDigits − digits[i]). A double product or difference of exact integers is exact exactly when its
 * magnitude is at most 2^53 − 1 (rounding is monotonic and 2^53 is a double), so each result is checked and NaN
 * marks the steps that need the bigint path.
 */
function smallOf(units: Float64Array, digits: Uint8Array, n: number, maxDigits: number): { steps: Float64Array; units: Float64Array } {
  const steps = new Float64Array(n);
  const values = new Float64Array(n);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const shift = maxDigits - digits[i]!;
    const u = shift <= 22 ? units[i]! * POW10_NUMBER[shift]! : NaN;
    const cur = u <= MAX_EXACT && u >= -MAX_EXACT ? u : NaN;
    values[i] = cur;
    const step = cur - prev;
    steps[i] = step <= MAX_EXACT && step >= -MAX_EXACT ? step : NaN;
    prev = cur;
  }
  return { steps, units: values };
}

/** A table from series already built (the base currency's own rate, if given, is left out like in buildPriceTable). */
export function tableOf(baseCurrency: string, prices: Map<string, Series>, fx: Map<string, Series>, skipped: number): PriceTable {
  fx.delete(baseCurrency);
  const symbols = [...prices.keys()];
  return { baseCurrency, prices, fx, skipped, symbols, symbolIds: new Map(symbols.map((s, i) => [s, i])), byDay: dayIndex(symbols.map((s) => prices.get(s)!)) };
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
  const symbols = [...prices.keys()];
  return { baseCurrency: input.baseCurrency, prices, fx, skipped, symbols, symbolIds: new Map(symbols.map((s, i) => [s, i])), byDay: dayIndex(symbols.map((s) => prices.get(s)!)) };
}

/** Exported so a table can be extended by one instrument or currency without parsing the others again. */
export function dayIndex(all: Series[]): DayIndex {
  let lo = Infinity;
  let hi = -Infinity;
  let total = 0;
  for (const s of all) {
    if (s.days.length === 0) continue;
    lo = Math.min(lo, s.days[0]!);
    hi = Math.max(hi, s.days[s.days.length - 1]!);
    total += s.days.length;
  }
  if (total === 0) return { firstDay: 0, offsets: new Int32Array(1), symbolIds: new Int32Array(0), points: new Int32Array(0) };
  const offsets = new Int32Array(hi - lo + 2);
  for (const s of all) for (let i = 0; i < s.days.length; i++) offsets[s.days[i]! - lo + 1]!++;
  for (let i = 1; i < offsets.length; i++) offsets[i]! += offsets[i - 1]!;
  const fill = offsets.slice(0, -1);
  const symbolIds = new Int32Array(total);
  const points = new Int32Array(total);
  all.forEach((s, id) => {
    for (let i = 0; i < s.days.length; i++) {
      const at = fill[s.days[i]! - lo]!++;
      symbolIds[at] = id;
      points[at] = i;
    }
  });
  return { firstDay: lo, offsets, symbolIds, points };
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
