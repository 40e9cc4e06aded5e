import type BetterSqlite3 from 'better-sqlite3';
import { statements } from '../store/statements.js';

/**
 * Marks activities written by the hot paths (trades, deposits, withdrawals) ready for the history's sort indexes,
 * in batches: one commit adds hundreds of rows to eight indexes instead of each trade paying eight random pages in
 * its own commit (main/store/migrations/profile-006-history-pending.ts). Only an optimisation of reads: the history
 * query reads pending rows through their own small index, so nothing waits for this.
 */
const SQL = {
  any: 'SELECT 1 AS y FROM activities INDEXED BY idx_history_pending WHERE h_ready = 0 LIMIT 1',
  mark: 'UPDATE activities SET h_ready = 1 WHERE rowid IN (SELECT rowid FROM activities INDEXED BY idx_history_pending WHERE h_ready = 0 LIMIT ?)',
};

/** Rows per batch: a few milliseconds of index work, so a waiting request is not held up long. */
export const INDEX_BATCH = 2000;

export function hasPendingHistory(db: BetterSqlite3.Database): boolean {
  return statements(db, SQL).any.get() !== undefined;
}

/** Inside `Writer.sync`: marks up to `limit` pending rows ready; returns how many. */
export function indexPendingHistory(db: BetterSqlite3.Database, limit = INDEX_BATCH): number {
  return statements(db, SQL).mark.run(limit).changes;
}
