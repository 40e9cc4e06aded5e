import type BetterSqlite3 from 'better-sqlite3';
import { addDays, daysBetween } from '../../shared/fx.js';
import { formatFixed, lastScan, parseScaled, parseScaledRounded } from '../../shared/portfolio/fixed.js';
import { MAX_LOOKBACK_DAYS, rateSeries } from '../market/fx-resolve.js';

/** Amounts are read at 8 fraction digits (the largest minor unit a currency may have), rates at 18. */
export const AMOUNT_SCALE = 8;
export const RATE_SCALE = 18;

/**
 * FX rates of many dates at once, for the history's base-currency column and its totals. One daily series per
 * currency (the same stored rates, direct, inverse or crossed through USD/EUR, as the Convert chart) is loaded for
 * the dates needed, instead of one lookup per entry; a day uses the last publication at most MAX_LOOKBACK_DAYS old,
 * like fx:rate. Rates are never today's for a past entry: each entry gets the rate of its own date.
 */
export class RateBook {
  private readonly series = new Map<string, { from: string; to: string; byDate: Map<string, string>; last: { date: string; published: string; rate: string } | null }>();

  constructor(
    private market: BetterSqlite3.Database | null,
    readonly base: string,
    private readonly priority: readonly string[],
  ) {}

  /** Makes `rate(currency, d)` answer from memory for every d in [from, to]. */
  load(currency: string, from: string, to: string): void {
    if (currency === this.base) return;
    const have = this.series.get(currency);
    if (have && have.from <= from && have.to >= to) return;
    if (!this.market) return;
    const start = have && have.from < from ? have.from : from;
    const end = have && have.to > to ? have.to : to;
    const points = rateSeries(this.market, currency, this.base, start, end, this.priority);
    const byDate = new Map<string, string>();
    for (const p of points) if (daysBetween(p.publishedDate, p.date) <= MAX_LOOKBACK_DAYS) byDate.set(p.date, p.rate);
    const lastPoint = points.at(-1);
    this.series.set(currency, { from: start, to: end, byDate, last: lastPoint ? { date: lastPoint.date, published: lastPoint.publishedDate, rate: lastPoint.rate } : null });
  }

  /** Units of the base currency per unit of `currency` on `date`, or null when none is stored within the lookback. */
  rate(currency: string, date: string): string | null {
    if (currency === this.base) return '1';
    let s = this.series.get(currency);
    if (!s || date < s.from || date > s.to) {
      this.load(currency, date, date);
      s = this.series.get(currency);
      if (!s) return null;
    }
    const hit = s.byDate.get(date);
    if (hit !== undefined) return hit;
    // After the last publication (today, before the day's rates are out): carry it, within the lookback.
    if (s.last && date > s.last.date && daysBetween(s.last.published, date) <= MAX_LOOKBACK_DAYS) return s.last.rate;
    return null;
  }

  /** Stops reading the market database (it may be used only inside its writer's turn): answers from what is loaded. */
  freeze(): void {
    this.market = null;
  }

  /** Loads a series for a set of (currency, date) pairs in one query per currency. */
  loadFor(pairs: Iterable<{ currency: string; date: string }>): void {
    const spans = new Map<string, { from: string; to: string }>();
    for (const { currency, date } of pairs) {
      const s = spans.get(currency);
      if (!s) spans.set(currency, { from: date, to: date });
      else {
        if (date < s.from) s.from = date;
        if (date > s.to) s.to = date;
      }
    }
    for (const [currency, s] of spans) this.load(currency, s.from, addDays(s.to, 0));
  }
}

/** `amount × rate`, exact, then half-even at `digits` (the base currency's minor unit). */
export function convert(amount: string, rate: string, digits: number): string | null {
  const a = parseScaled(amount, AMOUNT_SCALE);
  const r = parseScaledRounded(rate, RATE_SCALE);
  if (a === undefined || r === undefined) return null;
  return formatFixed(a * r, AMOUNT_SCALE + RATE_SCALE, digits);
}

const MAX_EXACT = Number.MAX_SAFE_INTEGER;
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * A plain decimal with at most 15 digits and at most `maxFraction` fraction digits, as its digits in an
 * integer-valued double (exact below 2^53, sign included) and its count of fraction digits; null otherwise (the
 * caller then takes convert's BigInt path, which also refuses what does not parse). parseScaled does the scan.
 */
function smallDecimal(text: string, maxFraction: number): { units: number; scale: number } | null {
  if (parseScaled(text, maxFraction) === undefined || Number.isNaN(lastScan.units)) return null;
  return { units: lastScan.units, scale: lastScan.digits };
}

/**
 * `convert` for the export's million rows: `amount × rate` rounded half-even at `digits`, exactly as convert does,
 * but in integer-valued doubles whenever every intermediate stays below 2^53 (cents × a rate of a few digits always
 * does), with the rate's digits parsed once per distinct rate. Anything else (long texts, huge values, text that
 * does not parse) goes through convert itself, so the answer is convert's in every case (a property test compares
 * them).
 */
export class Converter {
  private readonly parsed = new Map<string, { units: number; scale: number } | null>();

  constructor(private readonly digits: number) {}

  /** `amount` as stored (unsigned), `negative` for an outflow: the base value of the signed amount. */
  convert(amount: string, negative: boolean, rate: string): string | null {
    let r = this.parsed.get(rate);
    if (r === undefined) {
      const d = smallDecimal(rate, RATE_SCALE);
      r = d && d.units >= 0 ? d : null;
      this.parsed.set(rate, r);
    }
    const digits = this.digits;
    const a = r ? smallDecimal(amount, AMOUNT_SCALE) : null;
    // A stored amount is unsigned; a signed one with an outflow's minus would be "--x", which convert refuses.
    if (!r || !a || (negative && amount.charCodeAt(0) === 45)) return convert(negative ? `-${amount}` : amount, rate, digits);
    const product = Math.abs(a.units) * r.units;
    const scale = a.scale + r.scale;
    let q = NaN;
    if (product <= MAX_EXACT) {
      if (scale <= digits) {
        if (digits - scale <= 15) q = product * POW10[digits - scale]!;
      } else if (scale - digits <= 15) {
        const unit = POW10[scale - digits]!;
        // fmod of doubles is exact, and so is (product - rem) / unit: an exact multiple of unit below 2^53.
        const rem = product % unit;
        q = (product - rem) / unit;
        const twice = rem * 2;
        if (twice > unit || (twice === unit && q % 2 === 1)) q += 1;
      }
    }
    if (!(q <= MAX_EXACT)) return convert(negative ? `-${amount}` : amount, rate, digits);
    const neg = (negative || a.units < 0) && q !== 0;
    if (digits === 0) return neg ? `-${q}` : String(q);
    const padded = String(q).padStart(digits + 1, '0');
    const body = `${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
    return neg ? `-${body}` : body;
  }
}
