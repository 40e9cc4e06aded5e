import type { ReadDb } from '../store/writer.js';
import { addDays } from '../../shared/fx.js';
import { formatFixed, parseUnits, parseUnitsRounded } from '../../shared/decimal/index.js';
import { carriedRateSeries, type CarriedSeries } from '../market/fx-resolve.js';

/** Amounts are read at 8 fraction digits (the largest minor unit a currency may have), rates at 18. */
export const AMOUNT_SCALE = 8;
export const RATE_SCALE = 18;

/** A rate and the date it was published (earlier than the date asked for when carried). */
export interface DatedRate {
  rate: string;
  published: string;
}

interface Series {
  from: string;
  to: string;
  byDate: Map<string, DatedRate>;
  last: { date: string; published: string; rate: string } | null;
}

export interface RateBookData {
  base: string;
  priority: string[];
  series: [string, Series][];
}

/**
 * FX rates of many dates at once, for the history's base-currency column and its totals. One daily series per
 * currency (the same stored rates, direct, inverse or crossed through USD/EUR, as the Convert chart) is loaded for
 * the dates needed, instead of one lookup per entry. A day uses the Portfolio's rule (market/fx-resolve.ts
 * `carriedRateSeries`): the last publication on or before it, however old, with its date (`rated`); never a rate
 * published after the entry's date. Only a day before the currency's first stored rate has none.
 */
export class RateBook {
  private readonly series = new Map<string, Series>();

  constructor(
    private market: ReadDb | null,
    readonly base: string,
    private readonly priority: readonly string[],
    private readonly seriesOf: CarriedSeries = carriedRateSeries,
  ) {}

  /** Makes `rate(currency, d)` answer from memory for every d in [from, to]. */
  load(currency: string, from: string, to: string): void {
    if (currency === this.base) return;
    const have = this.series.get(currency);
    if (have && have.from <= from && have.to >= to) return;
    if (!this.market) return;
    const start = have && have.from < from ? have.from : from;
    const end = have && have.to > to ? have.to : to;
    const points = this.seriesOf(this.market, currency, this.base, start, end, this.priority);
    const byDate = new Map<string, DatedRate>();
    for (const p of points) byDate.set(p.date, { rate: p.rate, published: p.publishedDate });
    const lastPoint = points.at(-1);
    this.series.set(currency, { from: start, to: end, byDate, last: lastPoint ? { date: lastPoint.date, published: lastPoint.publishedDate, rate: lastPoint.rate } : null });
  }

  /** Units of the base currency per unit of `currency` on `date`, or null when none is stored on or before it. */
  rate(currency: string, date: string): string | null {
    return this.rated(currency, date)?.rate ?? null;
  }

  /** `rate` with the date it was published: the last publication on or before `date`, or null before the first. */
  rated(currency: string, date: string): DatedRate | null {
    if (currency === this.base) return { rate: '1', published: date };
    let s = this.series.get(currency);
    if (!s || date < s.from || date > s.to) {
      this.load(currency, date, date);
      s = this.series.get(currency);
      if (!s) return null;
    }
    const hit = s.byDate.get(date);
    if (hit !== undefined) return hit;
    // After the last publication (today, before the day's rates are out, or a source that stopped): carry it.
    if (s.last && date > s.last.date) return { rate: s.last.rate, published: s.last.published };
    return null;
  }

  /** Stops reading the market database (it may be used only inside its writer's turn): answers from what is loaded. */
  freeze(): void {
    this.market = null;
  }

  /** What is loaded, as plain data a worker thread receives (structured clone keeps the maps). */
  data(): RateBookData {
    return { base: this.base, priority: [...this.priority], series: [...this.series] };
  }

  /** A frozen book answering from `data` (an export's worker thread: it has no market database). */
  static from(data: RateBookData): RateBook {
    const book = new RateBook(null, data.base, data.priority);
    for (const [currency, s] of data.series) book.series.set(currency, s);
    return book;
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
  const a = parseUnits(amount, AMOUNT_SCALE);
  const r = parseUnitsRounded(rate, RATE_SCALE);
  if (a === undefined || r === undefined) return null;
  return formatFixed(a * r, AMOUNT_SCALE + RATE_SCALE, digits);
}

const MAX_EXACT = Number.MAX_SAFE_INTEGER;
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);
const ZEROS = Array.from({ length: 16 }, (_, i) => '0'.repeat(i));

/**
 * The digits of a plain unsigned decimal as an integer-valued double, when it has at most 15 of them and at most
 * `maxFraction` after the dot; -1 for anything else (a sign, no digit before or after the dot, a leading zero, more
 * digits: convert's BigInt path then decides, and refuses what it cannot parse). Its fraction digits go to `scale`.
 * No BigInt and no object per call: it runs for every row of an export.
 */
let scale = 0;
function smallUnits(text: string, maxFraction: number): number {
  const n = text.length;
  let dot = -1;
  let units = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) units = units * 10 + (c - 48);
    else if (c === 46 && dot < 0 && i > 0 && i < n - 1) dot = i;
    else return -1;
  }
  const whole = dot < 0 ? n : dot;
  if (n === 0 || n - (dot < 0 ? 0 : 1) > 15 || (whole > 1 && text.charCodeAt(0) === 48)) return -1;
  scale = dot < 0 ? 0 : n - dot - 1;
  return scale > maxFraction ? -1 : units;
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
      const units = smallUnits(rate, RATE_SCALE);
      r = units < 0 ? null : { units, scale };
      this.parsed.set(rate, r);
    }
    const digits = this.digits;
    const a = r ? smallUnits(amount, AMOUNT_SCALE) : -1;
    if (!r || a < 0) return convert(negative ? `-${amount}` : amount, rate, digits);
    const product = a * r.units;
    const s = scale + r.scale;
    let q = NaN;
    if (product <= MAX_EXACT) {
      if (s <= digits) {
        if (digits - s <= 15) q = product * POW10[digits - s]!;
      } else if (s - digits <= 15) {
        const unit = POW10[s - digits]!;
        // fmod of doubles is exact, and so is (product - rem) / unit: an exact multiple of unit below 2^53.
        const rem = product % unit;
        q = (product - rem) / unit;
        const twice = rem * 2;
        if (twice > unit || (twice === unit && q % 2 === 1)) q += 1;
      }
    }
    if (!(q <= MAX_EXACT)) return convert(negative ? `-${amount}` : amount, rate, digits);
    const neg = negative && q !== 0;
    if (digits === 0) return neg ? `-${q}` : String(q);
    const unit = POW10[digits]!;
    const fraction = q % unit;
    const f = String(fraction);
    const body = `${(q - fraction) / unit}.${ZEROS[digits - f.length]!}${f}`;
    return neg ? `-${body}` : body;
  }
}
