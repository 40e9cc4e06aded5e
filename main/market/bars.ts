import type { WriteDb } from '../store/writer.js';
import type { DailyBar } from '../../shared/market.js';
import { statements } from '../store/statements.js';
import { BAR_SQL } from './repo.js';


/** Stores an instrument's daily bars as published (a correction for the same day and source replaces the old one). */
export function ingestBars(db: WriteDb, symbol: string, source: string, currency: string, bars: readonly DailyBar[]): number {
  const { upsert } = statements(db, BAR_SQL);
  for (const b of bars) upsert.run(symbol, b.date, source, currency, b.open ?? null, b.high ?? null, b.low ?? null, b.close, b.volume ?? null);
  return bars.length;
}

export function barBounds(db: WriteDb, symbol: string): { first: string | null; last: string | null } {
  return statements(db, BAR_SQL).bounds.get(symbol) as { first: string | null; last: string | null };
}
