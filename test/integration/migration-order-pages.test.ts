import 'reflect-metadata';
import { Database, testKey } from '../support/db-key.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { profileMigrations } from '../../main/store/migrations/index.js';
import { OrderPages1763800000014 } from '../../main/store/migrations/profile-014-order-pages.js';
import { openProfileStore } from '../../main/store/profile-store.js';
import { dataSourceFor } from '../../main/store/data-source.js';
import { walletRepo } from '../../main/wallets/repo.js';
import { replayOf } from '../../main/store/idempotency.js';

/**
 * Migration 014: idempotency keys keep answering, every fill made before names the activity it booked (so an order's
 * ledger entries are still found once `idx_ledger_order` is gone), and the order state index holds live orders only.
 */
let dir: string;
let file: string;
const upTo = (m: unknown, inclusive: boolean) => profileMigrations.slice(0, profileMigrations.indexOf(m as never) + (inclusive ? 1 : 0));

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bourse-migrate-014-'));
  file = join(dir, 'bourse.db');
  const ds = dataSourceFor({ file, migrations: upTo(OrderPages1763800000014, false), key: testKey });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  const db = new Database(file);
  db.prepare("INSERT INTO wallets (currency, balance, created_at, updated_at) VALUES ('USD', '0', 'x', 'x')").run();
  const order = db.prepare("INSERT INTO orders (id, symbol, asset_class, side, type, currency, state, venue, created_at, updated_at) VALUES (?, 'S', 'stock', 'buy', 'limit', 'USD', ?, 'paper', 'x', 'x')");
  const fill = db.prepare("INSERT INTO fills (order_id, quantity, price, gross, fee, venue_order_id, created_at) VALUES (?, '1', '10', '10', '0', 'v', 'x')");
  const activity = db.prepare("INSERT INTO activities (id, type, date, symbol, quantity, price, fee, currency, amount, order_id, source, created_at) VALUES (?, 'buy', '2026-01-02', 'S', '1', '10', '0', 'USD', ?, ?, 'order', 'x')");
  const entry = db.prepare("INSERT INTO ledger_entries (wallet_id, kind, amount, balance_after, created_at, order_id, activity_id) VALUES (1, 'buy', ?, '0', 'x', ?, ?)");
  order.run('a', 'filled');
  order.run('b', 'filled');
  order.run('c', 'open');
  // Interleaved across orders and written fill-first then activity, as the paper venue did: a wrong pairing shows.
  fill.run('a'); activity.run('act-a1', '-10', 'a'); entry.run('-10', 'a', 'act-a1');
  fill.run('b'); activity.run('act-b1', '-20', 'b'); entry.run('-20', 'b', 'act-b1');
  fill.run('a'); activity.run('act-a2', '-30', 'a'); entry.run('-30', 'a', 'act-a2');
  db.prepare("INSERT INTO idempotency_keys (key, channel, request_hash, response, created_at) VALUES ('key-00001', 'wallet:deposit', 'h1', '{\"n\":1}', 'x')").run();
  db.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('fewer pages per order (migration 014)', () => {
  it('pairs old fills with their activities, keeps keys, and finds an order’s entries through its fills', async () => {
    const store = await openProfileStore(file, testKey);
    try {
      await store.writer.read((db) => {
        // The fills are in their orders' rows since migration 022, in the order they were written.
        const fills = db.prepare("SELECT o.id AS order_id, j.value ->> 'activity_id' AS activity_id FROM orders o, json_each(o.fills) j ORDER BY o.id, j.key").all();
        expect(fills).toEqual([
          { order_id: 'a', activity_id: 'act-a1' },
          { order_id: 'a', activity_id: 'act-a2' },
          { order_id: 'b', activity_id: 'act-b1' },
        ]);
        expect(walletRepo.ofOrder(db, 'a').map((e) => e.amount)).toEqual(['-10', '-30']);
        expect(walletRepo.ofOrder(db, 'b').map((e) => e.amount)).toEqual(['-20']);
        expect(replayOf(db, 'wallet:deposit', 'key-00001', 'h1')).toEqual({ n: 1 });
        expect(() => replayOf(db, 'wallet:deposit', 'key-00001', 'other')).toThrow(/already used/);
        // Only the live order is in the state index; the open-orders query uses it.
        expect(db.prepare("SELECT COUNT(*) AS n FROM orders INDEXED BY idx_orders_live WHERE state = 'open'").get()).toEqual({ n: 1 });
        const plan = db.prepare("EXPLAIN QUERY PLAN SELECT * FROM orders WHERE state = 'open' AND symbol = ? ORDER BY rowid").all('S') as { detail: string }[];
        expect(plan.map((p) => p.detail).join(' ')).toContain('idx_orders_live');
        const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map((r) => r.name);
        expect(names).not.toContain('idx_ledger_order');
        expect(names).not.toContain('idx_orders_state');
      });
    } finally {
      await store.close();
    }
  });

  it('down() restores the key table, the indexes and the fills as they were', async () => {
    const ds = dataSourceFor({ file, migrations: upTo(OrderPages1763800000014, true), key: testKey });
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await ds.query('SELECT key, response FROM idempotency_keys')).toEqual([{ key: 'key-00001', response: '{"n":1}' }]);
      const names = ((await ds.query("SELECT name FROM sqlite_master WHERE type = 'index'")) as { name: string }[]).map((r) => r.name);
      expect(names).toEqual(expect.arrayContaining(['idx_ledger_order', 'idx_orders_state']));
      const cols = ((await ds.query('PRAGMA table_info(fills)')) as { name: string }[]).map((c) => c.name);
      expect(cols).not.toContain('activity_id');
    } finally {
      await ds.destroy();
    }
  });
});
