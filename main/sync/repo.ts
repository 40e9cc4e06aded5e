import type { ReadDb, WriteDb } from '../store/writer.js';
import { statements } from '../store/statements.js';
import type { Attempt } from '../providers/registry.js';
import type { MarketTarget } from '../providers/types.js';
import type { DateRange } from '../../shared/fx.js';

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export type JobKind = 'backfill' | 'refresh';

export interface SyncJob {
  id: number;
  kind: JobKind;
  symbol: string;
  assetClass: string;
  target: MarketTarget;
  state: JobState;
  chunks: DateRange[];
  doneChunks: number;
  totalChunks: number;
  rows: number;
  provider: string | null;
  error: string | null;
  attempts: Attempt[];
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

interface JobRow {
  id: number;
  kind: JobKind;
  asset_class: string;
  symbol: string;
  target: string;
  state: JobState;
  plan: string;
  done_chunks: number;
  total_chunks: number;
  rows: number;
  provider: string | null;
  error: string | null;
  attempts: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

const SQL = {
  insert:
    'INSERT INTO sync_jobs (kind, asset_class, symbol, target, state, plan, total_chunks, created_at, updated_at) ' +
    "VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?)",
  get: 'SELECT * FROM sync_jobs WHERE id = ?',
  cursor: 'SELECT state, done_chunks FROM sync_jobs WHERE id = ?',
  active: "SELECT * FROM sync_jobs WHERE state IN ('queued', 'running') ORDER BY id",
  activeFor: "SELECT id FROM sync_jobs WHERE symbol = ? AND state IN ('queued', 'running') LIMIT 1",
  recent: 'SELECT * FROM sync_jobs ORDER BY id DESC LIMIT ?',
  lastDone: "SELECT MAX(finished_at) AS at FROM sync_jobs WHERE symbol = ? AND state = 'done'",
  advance:
    "UPDATE sync_jobs SET done_chunks = ?, rows = rows + ?, provider = COALESCE(?, provider), attempts = ?, state = 'running', updated_at = ? WHERE id = ?",
  finish: 'UPDATE sync_jobs SET state = ?, error = ?, attempts = COALESCE(?, attempts), updated_at = ?, finished_at = ? WHERE id = ?',
  running: "UPDATE sync_jobs SET state = 'running', updated_at = ? WHERE id = ? AND state = 'queued'",
};

function toJob(r: JobRow): SyncJob {
  return {
    id: r.id,
    kind: r.kind,
    symbol: r.symbol,
    assetClass: r.asset_class,
    target: JSON.parse(r.target) as MarketTarget,
    state: r.state,
    chunks: JSON.parse(r.plan) as DateRange[],
    doneChunks: r.done_chunks,
    totalChunks: r.total_chunks,
    rows: r.rows,
    provider: r.provider,
    error: r.error,
    attempts: r.attempts ? (JSON.parse(r.attempts) as Attempt[]) : [],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
  };
}

/** The sync_jobs table. Synchronous: call inside `Writer.write` so job state and data change together. */
export const jobStore = {
  create(db: WriteDb, kind: JobKind, target: MarketTarget, chunks: DateRange[], at: string): SyncJob {
    const sql = statements(db, SQL);
    const { lastInsertRowid } = sql.insert.run(kind, target.assetClass, target.symbol, JSON.stringify(target), JSON.stringify(chunks), chunks.length, at, at);
    return toJob(sql.get.get(Number(lastInsertRowid)) as JobRow);
  },
  get(db: ReadDb, id: number): SyncJob | undefined {
    const row = statements(db, SQL).get.get(id) as JobRow | undefined;
    return row && toJob(row);
  },
  cursor(db: WriteDb, id: number): { state: JobState; doneChunks: number } | undefined {
    const row = statements(db, SQL).cursor.get(id) as { state: JobState; done_chunks: number } | undefined;
    return row && { state: row.state, doneChunks: row.done_chunks };
  },
  active(db: ReadDb): SyncJob[] {
    return (statements(db, SQL).active.all() as JobRow[]).map(toJob);
  },
  hasActive(db: WriteDb, symbol: string): boolean {
    return statements(db, SQL).activeFor.get(symbol) !== undefined;
  },
  /** When the last successful job for a series finished (ISO time), if any. */
  lastDone(db: WriteDb, symbol: string): string | null {
    return (statements(db, SQL).lastDone.get(symbol) as { at: string | null }).at;
  },
  recent(db: ReadDb, limit: number): SyncJob[] {
    return (statements(db, SQL).recent.all(limit) as JobRow[]).map(toJob);
  },
  /** A queued job has started; false when it was not queued any more (cancelled meanwhile, or resumed while running). */
  markRunning(db: WriteDb, id: number, at: string): boolean {
    return statements(db, SQL).running.run(at, id).changes > 0;
  },
  advance(db: WriteDb, id: number, doneChunks: number, rows: number, provider: string | null, attempts: Attempt[], at: string): void {
    statements(db, SQL).advance.run(doneChunks, rows, provider, JSON.stringify(attempts), at, id);
  },
  finish(db: WriteDb, id: number, state: JobState, error: string | null, attempts: Attempt[] | null, at: string): void {
    statements(db, SQL).finish.run(state, error, attempts ? JSON.stringify(attempts) : null, at, at, id);
  },
};

/** What the signed-in profile holds and prices in: the series a sync plan covers (read from the profile database). */
export interface InUse {
  wallets: string[];
  instruments: { symbol: string; asset_class: 'stock' | 'crypto'; quote_currency: string; provider_symbols: string }[];
  earliest: string | null;
}

const IN_USE_SQL = {
  wallets: 'SELECT currency FROM wallets ORDER BY currency',
  instruments: 'SELECT symbol, asset_class, quote_currency, provider_symbols FROM instruments ORDER BY symbol',
  // The first entry's own date (an index seek): the history shows each entry at the rate of its date, and an entry
  // dated years back may have been recorded (or imported) today. Every ledger entry belongs to an activity.
  earliest: 'SELECT MIN(date) AS d FROM activities',
};

export function inUse(db: ReadDb): InUse {
  const sql = statements(db, IN_USE_SQL);
  return {
    wallets: (sql.wallets.all() as { currency: string }[]).map((r) => r.currency),
    instruments: sql.instruments.all() as InUse['instruments'],
    earliest: (sql.earliest.get() as { d: string | null }).d,
  };
}
