import type BetterSqlite3 from 'better-sqlite3';
import { addDays, daysBetween } from '../../shared/fx.js';
import { formatFixed, parseScaled, parseScaledRounded } from '../../shared/portfolio/fixed.js';
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
