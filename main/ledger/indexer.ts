import { statements } from '../store/statements.js';
import { INDEXER_SQL } from './repo.js';
import type { WriteDb, Writer } from '../store/writer.js';

/**
 * Marks activities written by the hot paths (trades, deposits, withdrawals) ready for the history's sort indexes,
 * in batches: one commit adds hundreds of rows to eight indexes instead of each trade paying eight random pages in
 * its own commit (main/store/migrations/profile-006-history-pending.ts). Only an optimisation of reads: the history
 * query reads the rows after the watermark (profile-022) by rowid, so nothing waits for this. Rows are appended, so
 * every row written pending lies after the watermark: a batch walks the next rows in rowid order, marks the pending
 * ones and moves the watermark past the batch.
 */

/** Rows per batch: a few milliseconds of index work, so a waiting request is not held up long. */
export const INDEX_BATCH = 2000;

export function hasPendingHistory(db: WriteDb): boolean {
  return statements(db, INDEXER_SQL).any.get() !== undefined;
}

/** Inside `Writer.write`: marks the pending rows among the next `limit` after the watermark; returns how many it passed. */
export function indexPendingHistory(db: WriteDb, limit = INDEX_BATCH): number {
  const sql = statements(db, INDEXER_SQL);
  const { last, n } = sql.batch.get(limit) as { last: number | null; n: number };
  if (last === null) return 0;
  sql.mark.run(last);
  sql.advance.run(last);
  return n;
}

/**
 * Marks pending rows ready, one batch per writer turn, until none is left or a batch comes back short (the trades
 * of a second take one batch); `keepGoing` is asked before each batch (the profile is still the signed-in one). A
 * backlog, such as an import's rows, drains in consecutive turns instead of one batch a second, and requests queued
 * meanwhile still go between batches. Returns the rows passed (every one written pending among them).
 */
export async function drainPendingHistory(writer: Pick<Writer, 'write'>, keepGoing: () => boolean = () => true): Promise<number> {
  let total = 0;
  while (keepGoing()) {
    const n = await writer.write((db) => (hasPendingHistory(db) ? indexPendingHistory(db) : 0));
    total += n;
    if (n < INDEX_BATCH) break;
  }
  return total;
}
