import type { WriteDb } from '../store/writer.js';
import type { DailyBar } from '../../shared/market.js';
import { statements } from '../store/statements.js';

const SQL = {
  upsert:
    'INSERT OR REPLACE INTO daily_bars (symbol, date, source, currency, open, high, low, close, volume) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  bounds: 'SELECT MIN(date) AS first, MAX(date) AS last FROM daily_bars WHERE symbol = ?',
};

/** Stores an instrument's daily bars as published (a correction for the same day and source replaces the old one). */
export function ingestBars(db: WriteDb, symbol: string, source: string, currency: string, bars: readonly DailyBar[]): number {
  const { upsert } = statements(db, SQL);
  for (const b of bars) upsert.run(symbol, b.date, source, currency, b.open ?? null, b.high ?? null, b.low ?? null, b.close, b.volume ?? null);
  return bars.length;
}

export function barBounds(db: WriteDb, symbol: string): { first: string | null; last: string | null } {
  return statements(db, SQL).bounds.get(symbol) as { first: string | null; last: string | null };
}
