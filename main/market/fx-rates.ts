import type { ReadDb, WriteDb } from '../store/writer.js';
import type { PublishedRate } from '../../shared/fx.js';
import type { FxRateRow } from '../store/entities/market/fx-rate.js';
import type { Store } from '../store/data-source.js';
import { statements } from '../store/statements.js';
import { FX_SQL } from './repo.js';


/** Orders sources by the user's priority; unknown sources (e.g. a provider since removed) come last. */
export function rankBy(priority: readonly string[]): (source: string) => number {
  return (source) => {
    const i = priority.indexOf(source);
    return i < 0 ? priority.length : i;
  };
}

/**
 * Published FX rates in the market database. Writes go in batches through the store's serialized writer as one
 * synchronous transaction with a prepared statement (the sync path); reads use the primary key's range order.
 */
export class FxRateRepository {
  constructor(private readonly store: Store) {}

  /** Stores rates as published; a re-fetched correction for the same (pair, date, source) replaces the old value. */
  ingest(rows: readonly FxRateRow[]): Promise<number> {
    return this.store.writer.write((db) => ingestRates(db, rows));
  }

  /** The latest publication on or before `date` (not older than `from`), best source first. */
  latest(base: string, quote: string, date: string, from: string, priority: readonly string[]): Promise<PublishedRate | undefined> {
    return this.store.writer.read((db) => latestRate(db, base, quote, date, from, priority));
  }

  /** One publication per date (the best source of that date) between two dates, ascending. */
  range(base: string, quote: string, from: string, to: string, priority: readonly string[]): Promise<PublishedRate[]> {
    return this.store.writer.read((db) => rangeRates(db, base, quote, from, to, priority));
  }

  bounds(base: string, quote: string): Promise<{ first: string | null; last: string | null }> {
    return this.store.writer.read((db) => fxBounds(db, base, quote));
  }
}

export function fxBounds(db: ReadDb, base: string, quote: string): { first: string | null; last: string | null } {
  return statements(db, FX_SQL).bounds.get(base, quote) as { first: string | null; last: string | null };
}

/** The last date on or before `date` with any stored rate naming `currency` (either side of a pair), or null. */
export function lastRateDateOnOrBefore(db: ReadDb, currency: string, date: string): string | null {
  return (statements(db, FX_SQL).lastOnOrBefore.pluck().get(currency, currency, date) as string | null) ?? null;
}

export function ingestRates(db: WriteDb, rows: readonly FxRateRow[]): number {
  const { upsert } = statements(db, FX_SQL);
  for (const r of rows) upsert.run(r.base, r.quote, r.date, r.source, r.rate);
  return rows.length;
}

/** One pair's published closes from one source: the sync path (no per-row objects on the hot loop). */
export function ingestPairRates(
  db: WriteDb,
  base: string,
  quote: string,
  source: string,
  bars: readonly { date: string; close: string }[],
): number {
  const { upsert } = statements(db, FX_SQL);
  for (const b of bars) upsert.run(base, quote, b.date, source, b.close);
  return bars.length;
}

export function latestRate(
  db: ReadDb,
  base: string,
  quote: string,
  date: string,
  from: string,
  priority: readonly string[],
): PublishedRate | undefined {
  const rows = statements(db, FX_SQL).latest.all(base, quote, date, from) as PublishedRate[];
  if (rows.length === 0) return undefined;
  const newest = rows[0]!.date;
  const rank = rankBy(priority);
  return rows.filter((r) => r.date === newest).sort((a, b) => rank(a.source) - rank(b.source))[0];
}

export function rangeRates(
  db: ReadDb,
  base: string,
  quote: string,
  from: string,
  to: string,
  priority: readonly string[],
): PublishedRate[] {
  return bestPerDate(statements(db, FX_SQL).range.all(base, quote, from, to) as PublishedRate[], priority);
}

function bestPerDate(rows: readonly PublishedRate[], priority: readonly string[]): PublishedRate[] {
  const rank = rankBy(priority);
  const out: PublishedRate[] = [];
  for (const r of rows) {
    const prev = out[out.length - 1];
    if (prev && prev.date === r.date) {
      if (rank(r.source) < rank(prev.source)) out[out.length - 1] = r;
    } else out.push(r);
  }
  return out;
}
