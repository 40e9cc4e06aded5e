import { Database } from '../support/db-key.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drainPendingHistory, INDEX_BATCH } from '../../main/ledger/indexer.js';
import { clearLedger } from '../../main/ledger/clear.js';
import { pageRowids, plan } from '../../main/history/query.js';
import { openProfileStore } from '../../main/store/profile-store.js';
import { pendingHistoryRows, seedHistory } from '../support/history-seed.js';
import { testKey } from '../support/db-key.js';

/** The history indexer drains a backlog (an import's pending rows) in consecutive batches, none larger than a batch. */
let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bourse-indexer-'));
  file = join(dir, 'bourse.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const pending = () => pendingHistoryRows(file);

describe('history indexer', () => {
  it('marks a backlog of 2.5 batches ready in one drain, one batch per writer turn', async () => {
    await (await openProfileStore(file, testKey)).close();
    seedHistory(file, Math.floor(INDEX_BATCH * 2.5), { seed: 3 });
    const db = new Database(file);
    db.prepare('UPDATE activities SET h_ready = 0').run();
    db.close();
    const backlog = pending();
    expect(backlog).toBeGreaterThan(2 * INDEX_BATCH);
    const store = await openProfileStore(file, testKey);
    try {
      const batches: number[] = [];
      const writer = { write: <T>(work: Parameters<typeof store.writer.write<T>>[0]) => store.writer.write((d) => { const n = work(d); batches.push(n as number); return n; }) };
      expect(await drainPendingHistory(writer)).toBe(backlog);
      expect(batches).toEqual([INDEX_BATCH, INDEX_BATCH, backlog - 2 * INDEX_BATCH]);
      expect(pending()).toBe(0);
      // Nothing left: one look, no write.
      expect(await drainPendingHistory(writer)).toBe(0);
      // Stopped when asked (the profile was signed out): nothing is marked.
      const again = new Database(file);
      again.prepare('UPDATE activities SET h_ready = 0 WHERE rowid % 2 = 0').run();
      again.close();
      expect(await drainPendingHistory(writer, () => false)).toBe(0);
      expect(pending()).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it('after the log is cleared, rows written pending are found again and marked (their rowids start over)', async () => {
    await (await openProfileStore(file, testKey)).close();
    seedHistory(file, 300, { seed: 5 });
    const store = await openProfileStore(file, testKey);
    try {
      await drainPendingHistory(store.writer);
      await store.writer.write((db) => clearLedger(db));
      expect(pending()).toBe(0);
    } finally {
      await store.close();
    }
    seedHistory(file, 100, { seed: 6 });
    const db = new Database(file);
    db.prepare('UPDATE activities SET h_ready = 0').run();
    const all = db.prepare('SELECT rowid FROM activities ORDER BY h_amount_whole, h_amount_frac, date, rowid').pluck().all();
    db.close();
    expect(Math.max(...(all as number[]))).toBeLessThan(300);
    const again = await openProfileStore(file, testKey);
    try {
      // The sort by amount reads every pending row through the pending arm, then through its index.
      const page = () => again.writer.read((d) => pageRowids(d, plan({}, { column: 'amount', direction: 'asc' }, 100), 'amount', 0, 200));
      expect(await page()).toEqual(all);
      expect(await drainPendingHistory(again.writer)).toBe(100);
      expect(pending()).toBe(0);
      expect(await page()).toEqual(all);
    } finally {
      await again.close();
    }
  });
});
