import type { ReadDb } from '../store/writer.js';
import { statements } from '../store/statements.js';

/** The data health report's reads: what a profile uses (its database), and each series as stored (market.db). */
const PROFILE_SQL = {
  instruments: 'SELECT symbol, asset_class, quote_currency FROM instruments ORDER BY symbol',
  positions: 'SELECT symbol, quantity FROM positions',
  wallets: 'SELECT currency, balance FROM wallets ORDER BY currency',
  ledgerSymbols: 'SELECT DISTINCT symbol FROM activities WHERE symbol IS NOT NULL',
  ledgerCurrencies: 'SELECT currency FROM activities UNION SELECT to_currency FROM activities WHERE to_currency IS NOT NULL',
};

const MARKET_SQL = {
  barDates: 'SELECT DISTINCT date FROM daily_bars WHERE symbol = ? ORDER BY date',
  barLast: 'SELECT date, source FROM daily_bars WHERE symbol = ? ORDER BY date DESC LIMIT 1',
  rateDates: 'SELECT DISTINCT date FROM fx_rates WHERE (base = ? AND quote = ?) OR (base = ? AND quote = ?) ORDER BY date',
  rateLast: 'SELECT date, source FROM fx_rates WHERE (base = ? AND quote = ?) OR (base = ? AND quote = ?) ORDER BY date DESC LIMIT 1',
  lastJob: 'SELECT state, provider, error, attempts, updated_at FROM sync_jobs WHERE symbol = ? ORDER BY id DESC LIMIT 1',
};

export interface UsedInstrument {
  symbol: string;
  asset_class: 'stock' | 'crypto';
  quote_currency: string;
}

export interface ProfileUse {
  instruments: UsedInstrument[];
  held: Set<string>;
  ledgerSymbols: Set<string>;
  /** Currencies with money in a wallet. */
  heldCurrencies: Set<string>;
  walletCurrencies: string[];
  ledgerCurrencies: Set<string>;
}

const nonZero = (v: string) => /[1-9]/.test(v);

export function profileUse(db: ReadDb): ProfileUse {
  const sql = statements(db, PROFILE_SQL);
  const wallets = sql.wallets.all() as { currency: string; balance: string }[];
  const positions = sql.positions.all() as { symbol: string; quantity: string }[];
  return {
    instruments: sql.instruments.all() as UsedInstrument[],
    held: new Set(positions.filter((p) => nonZero(p.quantity)).map((p) => p.symbol)),
    ledgerSymbols: new Set((sql.ledgerSymbols.all() as { symbol: string }[]).map((r) => r.symbol)),
    heldCurrencies: new Set(wallets.filter((w) => nonZero(w.balance)).map((w) => w.currency)),
    walletCurrencies: wallets.map((w) => w.currency),
    ledgerCurrencies: new Set((sql.ledgerCurrencies.all() as { currency: string }[]).map((r) => r.currency)),
  };
}

export interface StoredSeries {
  dates: string[];
  last: { date: string; source: string } | undefined;
}

export function barSeries(db: ReadDb, symbol: string): StoredSeries {
  const sql = statements(db, MARKET_SQL);
  return {
    dates: (sql.barDates.all(symbol) as { date: string }[]).map((r) => r.date),
    last: sql.barLast.get(symbol) as StoredSeries['last'],
  };
}

/** A pair's stored rates, either way round. */
export function rateSeries(db: ReadDb, base: string, quote: string): StoredSeries {
  const sql = statements(db, MARKET_SQL);
  const args = [base, quote, quote, base];
  return {
    dates: (sql.rateDates.all(...args) as { date: string }[]).map((r) => r.date),
    last: sql.rateLast.get(...args) as StoredSeries['last'],
  };
}

export interface JobRow {
  state: string;
  provider: string | null;
  error: string | null;
  attempts: string | null;
  updated_at: string;
}

export function lastJob(db: ReadDb, symbol: string): JobRow | undefined {
  return statements(db, MARKET_SQL).lastJob.get(symbol) as JobRow | undefined;
}
