import type { ReadDb } from '../store/writer.js';
import { rankBy } from '../market/fx-rates.js';
import { carriedRateSeries, type CarriedSeries } from '../market/fx-resolve.js';
import type { Activity } from '../../shared/portfolio/activity.js';
import { FX_DP, PRICE_DP } from '../../shared/portfolio/scales.js';
import { parsePackedCloses } from '../../shared/portfolio/packed-series.js';
import { buildSeries, dayIndex, tableOf, type PricePoint, type PriceTable, type Series } from '../../shared/portfolio/price-table.js';
import { statements } from '../store/statements.js';
import { PRICE_SQL } from './repo.js';

/**
 * Stored closes and FX rates from the market database, as the portfolio's price table (shared/portfolio/price-table.ts).
 *
 * - Closes: one per date and instrument. Several sources may have published one; the best in the user's priority
 *   order for the asset class wins, ties (sources not in the list) go to the first source name, so the choice never
 *   depends on row order. Only bars in the instrument's currency count. The read starts at the last close on or
 *   before `from`, so the first day of the series has a mark.
 * - FX: units of the base currency per one unit of each currency, a series per calendar day from
 *   main/market/fx-resolve.ts (the stored pair, its inverse, or a cross through USD or EUR; weekends and holidays
 *   carried from the last publication, never past the last one). The table itself carries the last point forward.
 */
export interface PriceTarget {
  symbol: string;
  currency: string;
  assetClass: string;
}

/** The last stored close of an instrument on or before `to`, for the mark when no live price is known. */
export interface LastClose {
  date: string;
  close: string;
  source: string;
}

export interface LoadedPrices {
  table: PriceTable;
  lastClose: Map<string, LastClose>;
  /** What the table was built for: a new symbol or currency needs a new table. */
  symbols: Set<string>;
  targets: PriceTarget[];
  currencies: Set<string>;
  from: string;
  to: string;
}

export interface PriceOptions {
  baseCurrency: string;
  targets: readonly PriceTarget[];
  currencies: Iterable<string>;
  /** First day of the series (the first activity's); a close on or before it is read too, for the opening mark. */
  from: string;
  to: string;
  fxPriority: readonly string[];
  barPriority: (assetClass: string) => readonly string[];
  /** How rate series are read (carriedRateSeries unless a computation shares remembered ones). */
  series?: CarriedSeries;
}


/** An instrument's closes as a series (and its last close), read as one packed string. */
export function loadCloses(db: ReadDb, t: PriceTarget, from: string, to: string, priority: readonly string[]): { series: Series; skipped: number; last?: LastClose } {
  const args = [t.symbol, t.currency, to, t.symbol, t.currency, from];
  const rank = rankBy(priority);
  const text = statements(db, PRICE_SQL).bars.pluck().get(...args) as string | null;
  const fast = text ? parsePackedCloses(text, PRICE_DP, rank) : null;
  if (fast) return { series: fast.series, skipped: 0, last: fast.last };
  // Anything unusual (a rounded or invalid close, a date out of order): the general path on the sorted rows.
  const sorted = text ? (statements(db, PRICE_SQL).barsSorted.pluck().get(...args) as string | null) : null;
  const { points, last } = closePoints(sorted, rank);
  const r = buildSeries(points, PRICE_DP);
  return { series: r.series, skipped: r.skipped, last };
}

/** The packed rows as points, the best ranked source per date (ties to the first, i.e. the first source name). */
export function closePoints(text: string | null, rank: (source: string) => number): { points: PricePoint[]; last?: LastClose } {
  if (!text) return { points: [] };
  const points: PricePoint[] = [];
  const sources: string[] = [];
  for (const row of text.split('\x1e')) {
    const us = row.indexOf('\x1f');
    const date = row.slice(0, 10);
    const value = row.slice(10, us);
    const source = row.slice(us + 1);
    const n = points.length;
    if (n > 0 && points[n - 1]!.date === date) {
      if (rank(source) < rank(sources[n - 1]!)) {
        points[n - 1] = { date, value };
        sources[n - 1] = source;
      }
    } else {
      points.push({ date, value });
      sources.push(source);
    }
  }
  const n = points.length;
  return { points, last: n ? { date: points[n - 1]!.date, close: points[n - 1]!.value, source: sources[n - 1]! } : undefined };
}

/** What a price table must cover for these activities and wallets: traded instruments, currencies, first date. */
export interface PriceScope {
  targets: PriceTarget[];
  currencies: Set<string>;
  /** YYYY-MM-DD, or null when there is no activity. */
  from: string | null;
}

export function scopeOf(activities: readonly Activity[], wallets: readonly { currency: string }[], assetClassOf: (symbol: string) => string | undefined): PriceScope {
  const targets = new Map<string, PriceTarget>();
  const currencies = new Set(wallets.map((w) => w.currency));
  let from: string | null = null;
  for (const a of activities) {
    const day = a.date.length === 10 ? a.date : a.date.slice(0, 10);
    if (from === null || day < from) from = day;
    if (a.type === 'fx-exchange') {
      currencies.add(a.fromCurrency);
      currencies.add(a.toCurrency);
      continue;
    }
    if (a.type === 'split') continue;
    currencies.add(a.currency);
    if ((a.type === 'buy' || a.type === 'sell') && !targets.has(a.symbol)) {
      targets.set(a.symbol, { symbol: a.symbol, currency: a.currency, assetClass: assetClassOf(a.symbol) ?? 'stock' });
    }
  }
  return { targets: [...targets.values()], currencies, from };
}

export function loadPrices(db: ReadDb, o: PriceOptions): LoadedPrices {
  const prices = new Map<string, Series>();
  const lastClose = new Map<string, LastClose>();
  let skipped = 0;
  for (const t of o.targets) {
    const { series, skipped: bad, last } = loadCloses(db, t, o.from, o.to, o.barPriority(t.assetClass));
    prices.set(t.symbol, series);
    skipped += bad;
    if (last) lastClose.set(t.symbol, last);
  }
  const currencies = new Set(o.currencies);
  const fx = new Map<string, Series>();
  for (const c of currencies) {
    if (c === o.baseCurrency) continue;
    const r = buildSeries(loadRates(db, c, o), FX_DP);
    fx.set(c, r.series);
    skipped += r.skipped;
  }
  return {
    table: tableOf(o.baseCurrency, prices, fx, skipped),
    lastClose,
    symbols: new Set(o.targets.map((t) => t.symbol)),
    targets: [...o.targets],
    currencies,
    from: o.from,
    to: o.to,
  };
}

function loadRates(db: ReadDb, currency: string, o: PriceOptions): PricePoint[] {
  // The table carries the last point forward; the view says how old that rate is (warnings.staleFx).
  return (o.series ?? carriedRateSeries)(db, currency, o.baseCurrency, o.from, o.to, o.fxPriority).map((p) => ({ date: p.date, value: p.rate }));
}

/** True when `loaded` has every instrument and currency of `scope` (for the same base, range and priorities). */
export function covers(loaded: LoadedPrices, scope: PriceScope): boolean {
  return scope.targets.every((t) => loaded.symbols.has(t.symbol)) && [...scope.currencies].every((c) => loaded.currencies.has(c));
}

/** What to read again or add: instruments and currencies new to the table, instruments whose closes changed, rates. */
export interface PriceChange {
  scope?: PriceScope;
  symbols?: ReadonlySet<string>;
  /** Every currency's rates (a stored pair may be a leg of any cross). */
  fx?: boolean;
}

/**
 * The table with the instruments and currencies of `change.scope` it lacks added, and the named series read
 * again, from the market database. Every other series is kept as it is (the same objects), so a snapshot state
 * built on the old table stays valid on the new one as long as nothing was read again; only the per-day index is
 * rebuilt (a counting sort, no parsing).
 */
export function updatePrices(db: ReadDb, loaded: LoadedPrices, change: PriceChange, o: Omit<PriceOptions, 'targets' | 'currencies' | 'from' | 'to'>): LoadedPrices {
  const full: PriceOptions = { ...o, targets: [], currencies: [], from: loaded.from, to: loaded.to };
  const prices = new Map<string, Series>(loaded.table.prices);
  const fx = new Map<string, Series>(loaded.table.fx);
  const lastClose = new Map(loaded.lastClose);
  const symbols = new Set(loaded.symbols);
  const currencies = new Set(loaded.currencies);
  const targets = new Map(loaded.targets.map((t) => [t.symbol, t]));
  let skipped = loaded.table.skipped;
  const readCloses = (t: PriceTarget) => {
    const r = loadCloses(db, t, loaded.from, loaded.to, o.barPriority(t.assetClass));
    prices.set(t.symbol, r.series);
    skipped += r.skipped;
    const last = r.last;
    if (last) lastClose.set(t.symbol, last);
    else lastClose.delete(t.symbol);
    symbols.add(t.symbol);
    targets.set(t.symbol, t);
  };
  const readRates = (c: string) => {
    currencies.add(c);
    if (c === o.baseCurrency) return;
    const r = buildSeries(loadRates(db, c, full), FX_DP);
    fx.set(c, r.series);
    skipped += r.skipped;
  };
  for (const t of change.scope?.targets ?? []) if (!symbols.has(t.symbol)) readCloses(t);
  for (const s of change.symbols ?? []) if (targets.has(s)) readCloses(targets.get(s)!);
  for (const c of change.scope?.currencies ?? []) if (!currencies.has(c)) readRates(c);
  if (change.fx) for (const c of [...currencies]) readRates(c);
  const list = [...prices.keys()];
  const table: PriceTable = {
    baseCurrency: o.baseCurrency,
    prices,
    fx,
    skipped,
    symbols: list,
    symbolIds: new Map(list.map((s, i) => [s, i])),
    byDay: dayIndex(list.map((s) => prices.get(s)!)),
  };
  return { table, lastClose, symbols, targets: [...targets.values()], currencies, from: loaded.from, to: loaded.to };
}

/**
 * A cheap fingerprint of the market tables (row counts: SQLite counts a B-tree without reading rows). It catches new
 * closes and rates; a correction that replaces a row in place keeps the count, which is why the service also has
 * `pricesChanged()` for the writer of market data to call.
 */
export function marketMark(db: ReadDb): string {
  const s = statements(db, PRICE_SQL);
  return `${(s.barCount.get() as { n: number }).n}:${(s.rateCount.get() as { n: number }).n}`;
}
