import type BetterSqlite3 from 'better-sqlite3';
import { rankBy } from '../market/fx-rates.js';
import { rateSeries } from '../market/fx-resolve.js';
import { buildPriceTable, type PricePoint, type PriceTable } from '../../shared/portfolio/price-table.js';
import { statements } from '../store/statements.js';

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
  currencies: Set<string>;
  from: string;
  to: string;
}

export interface PriceOptions {
  baseCurrency: string;
  targets: readonly PriceTarget[];
  currencies: Iterable<string>;
  from: string;
  to: string;
  fxPriority: readonly string[];
  barPriority: (assetClass: string) => readonly string[];
}

const SQL = {
  bars:
    'SELECT date, source, close FROM daily_bars WHERE symbol = ? AND currency = ? AND date <= ? AND date >= ' +
    "COALESCE((SELECT MAX(date) FROM daily_bars WHERE symbol = ? AND currency = ? AND date <= ?), '') ORDER BY date, source",
  barCount: 'SELECT COUNT(*) AS n FROM daily_bars',
  rateCount: 'SELECT COUNT(*) AS n FROM fx_rates',
};

interface BarRow {
  date: string;
  source: string;
  close: string;
}

export function loadCloses(db: BetterSqlite3.Database, t: PriceTarget, from: string, to: string, priority: readonly string[]): { points: PricePoint[]; last?: LastClose } {
  const rows = statements(db, SQL).bars.all(t.symbol, t.currency, to, t.symbol, t.currency, from) as BarRow[];
  const rank = rankBy(priority);
  const best: BarRow[] = [];
  for (const r of rows) {
    const prev = best[best.length - 1];
    if (prev && prev.date === r.date) {
      if (rank(r.source) < rank(prev.source)) best[best.length - 1] = r;
    } else best.push(r);
  }
  const last = best[best.length - 1];
  return { points: best.map((r) => ({ date: r.date, value: r.close })), last: last && { date: last.date, close: last.close, source: last.source } };
}

export function loadPrices(db: BetterSqlite3.Database, o: PriceOptions): LoadedPrices {
  const prices = new Map<string, PricePoint[]>();
  const lastClose = new Map<string, LastClose>();
  for (const t of o.targets) {
    const { points, last } = loadCloses(db, t, o.from, o.to, o.barPriority(t.assetClass));
    prices.set(t.symbol, points);
    if (last) lastClose.set(t.symbol, last);
  }
  const currencies = new Set(o.currencies);
  const fx = new Map<string, PricePoint[]>();
  for (const c of currencies) {
    if (c === o.baseCurrency) continue;
    fx.set(c, rateSeries(db, c, o.baseCurrency, o.from, o.to, o.fxPriority).map((p) => ({ date: p.date, value: p.rate })));
  }
  return {
    table: buildPriceTable({ baseCurrency: o.baseCurrency, prices, fx }),
    lastClose,
    symbols: new Set(o.targets.map((t) => t.symbol)),
    currencies,
    from: o.from,
    to: o.to,
  };
}

/**
 * A cheap fingerprint of the market tables (row counts: SQLite counts a B-tree without reading rows). It catches new
 * closes and rates; a correction that replaces a row in place keeps the count, which is why the service also has
 * `pricesChanged()` for the writer of market data to call.
 */
export function marketMark(db: BetterSqlite3.Database): string {
  const s = statements(db, SQL);
  return `${(s.barCount.get() as { n: number }).n}:${(s.rateCount.get() as { n: number }).n}`;
}
