import type { ReadDb } from '../store/writer.js';
import { addDays, cross, daysBetween, fillForward, invert, type SeriesPoint } from '../../shared/fx.js';
import { lastRateDateOnOrBefore, latestRate, rangeRates, rankBy } from './fx-rates.js';

/** How far back a lookup may reach for the last publication: covers the longest holiday closures (Easter, year end). */
export const MAX_LOOKBACK_DAYS = 10;
/** Pivots for cross rates, in order: most sources publish against one of these. */
export const PIVOTS = ['USD', 'EUR'] as const;

export interface ResolvedRate {
  from: string;
  to: string;
  /** The date asked for. */
  date: string;
  rate: string;
  /** When the rate (or, for a cross, its older leg) was published. */
  publishedDate: string;
  /** True when carried forward from an earlier publication (weekend, holiday). */
  filled: boolean;
  source: string;
  /** The stored pairs used, e.g. ["EUR-USD"], ["USD-EUR⁻¹"], ["GBP-USD", "USD-JPY"]. */
  path: string[];
}

interface Leg {
  rate: string;
  date: string;
  source: string;
  label: string;
}

function leg(db: ReadDb, a: string, b: string, date: string, priority: readonly string[]): Leg | undefined {
  const from = addDays(date, -MAX_LOOKBACK_DAYS);
  const direct = latestRate(db, a, b, date, from, priority);
  const inverse = latestRate(db, b, a, date, from, priority);
  const rank = rankBy(priority);
  const useInverse =
    inverse && (!direct || inverse.date > direct.date || (inverse.date === direct.date && rank(inverse.source) < rank(direct.source)));
  if (useInverse) return { rate: invert(inverse.rate), date: inverse.date, source: inverse.source, label: `${b}-${a}⁻¹` };
  if (direct) return { rate: direct.rate, date: direct.date, source: direct.source, label: `${a}-${b}` };
  return undefined;
}

/** The rate from `a` to `b` on `date`: direct, inverted, or crossed through USD/EUR; undefined when none is stored. */
export function resolveRate(
  db: ReadDb,
  a: string,
  b: string,
  date: string,
  priority: readonly string[],
): ResolvedRate | undefined {
  if (a === b) return { from: a, to: b, date, rate: '1', publishedDate: date, filled: false, source: 'identity', path: [] };
  const one = leg(db, a, b, date, priority);
  if (one) {
    return { from: a, to: b, date, rate: one.rate, publishedDate: one.date, filled: one.date !== date, source: one.source, path: [one.label] };
  }
  let best: ResolvedRate | undefined;
  for (const p of PIVOTS) {
    if (p === a || p === b) continue;
    const l1 = leg(db, a, p, date, priority);
    const l2 = l1 && leg(db, p, b, date, priority);
    if (!l1 || !l2) continue;
    const publishedDate = l1.date < l2.date ? l1.date : l2.date;
    if (best && best.publishedDate >= publishedDate) continue;
    best = {
      from: a,
      to: b,
      date,
      rate: cross(l1.rate, l2.rate),
      publishedDate,
      filled: l1.date !== date || l2.date !== date,
      source: l1.source === l2.source ? l1.source : `${l1.source}+${l2.source}`,
      path: [l1.label, l2.label],
    };
  }
  return best;
}

function legSeries(db: ReadDb, a: string, b: string, from: string, to: string, priority: readonly string[]): SeriesPoint[] {
  // Start the read a lookback early so the first day of the range can carry the previous publication.
  const start = addDays(from, -MAX_LOOKBACK_DAYS);
  const direct = rangeRates(db, a, b, start, to, priority);
  if (direct.length) return fillForward(direct, from, to);
  // Each publication inverted once: a carried day repeats its publication's rate.
  const inverse = rangeRates(db, b, a, start, to, priority);
  return fillForward(inverse.map((p) => ({ ...p, rate: invert(p.rate) })), from, to);
}

/** Daily series from `a` to `b`, weekends and holidays filled (and marked), never past the last publication. */
export function rateSeries(
  db: ReadDb,
  a: string,
  b: string,
  from: string,
  to: string,
  priority: readonly string[],
): SeriesPoint[] {
  if (daysBetween(from, to) < 0) return [];
  const one = legSeries(db, a, b, from, to, priority);
  if (one.length) return one;
  for (const p of PIVOTS) {
    if (p === a || p === b) continue;
    const l1 = legSeries(db, a, p, from, to, priority);
    if (!l1.length) continue;
    const l2 = new Map(legSeries(db, p, b, from, to, priority).map((x) => [x.date, x]));
    const out: SeriesPoint[] = [];
    // Carried days repeat both legs' rates: the cross of the day before is the same.
    let x0 = '';
    let y0 = '';
    let crossed = '';
    for (const x of l1) {
      const y = l2.get(x.date);
      if (!y) continue;
      if (x.rate !== x0 || y.rate !== y0) {
        x0 = x.rate;
        y0 = y.rate;
        crossed = cross(x0, y0);
      }
      out.push({
        date: x.date,
        rate: crossed,
        publishedDate: x.publishedDate < y.publishedDate ? x.publishedDate : y.publishedDate,
        filled: x.filled || y.filled,
        source: x.source === y.source ? x.source : `${x.source}+${y.source}`,
      });
    }
    if (out.length) return out;
  }
  return [];
}

/**
 * The valuation rule the Portfolio and the History share (docs/design.md#fx-rates): an amount dated `d` is valued at
 * the last rate stored on or before `d`, however old (named with that rate's date when it is older than the lookback,
 * see `isCarried`), and never at a rate published after `d`. This is `rateSeries` over [from, to], started at the last
 * publication on or before `from` when nothing was published near `from` (the bundled history ends early 2025, say),
 * so the first days of the range carry it instead of being left out. A reader carries the series' last point past its
 * end: a later day has no later publication to use.
 */
export function carriedRateSeries(
  db: ReadDb,
  a: string,
  b: string,
  from: string,
  to: string,
  priority: readonly string[],
): SeriesPoint[] {
  const points = rateSeries(db, a, b, from, to, priority);
  if (a === b || (points[0] && points[0].date <= from)) return points;
  const last = lastRateDateOnOrBefore(db, a, from);
  const earlier = last ? rateSeries(db, a, b, last, to, priority) : [];
  return earlier.length ? earlier : points;
}

/** carriedRateSeries's signature, for readers that may be handed a remembering one. */
export type CarriedSeries = typeof carriedRateSeries;

/**
 * carriedRateSeries remembering its answers by their arguments, for one computation whose readers ask for the same
 * series (the portfolio's price table and its closed lots' rates): the market database is read once per series. Only
 * for work inside which the stored rates do not change; a new computation makes a new one.
 */
export function rememberedSeries(): CarriedSeries {
  const answers = new Map<string, SeriesPoint[]>();
  return (db, a, b, from, to, priority) => {
    const key = `${a}\u001f${b}\u001f${from}\u001f${to}\u001f${priority.join(',')}`;
    let points = answers.get(key);
    if (!points) answers.set(key, (points = carriedRateSeries(db, a, b, from, to, priority)));
    return points;
  };
}

/** True when a rate published on `publishedDate` values an amount of `date` from beyond the lookback: name its date. */
export function isCarried(publishedDate: string, date: string): boolean {
  return daysBetween(publishedDate, date) > MAX_LOOKBACK_DAYS;
}
