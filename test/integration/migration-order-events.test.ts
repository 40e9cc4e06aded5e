import 'reflect-metadata';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { profileMigrations } from '../../main/store/migrations/index.js';
import { OrderEvents1763800000008 } from '../../main/store/migrations/profile-008-order-events.js';
import { openProfileStore } from '../../main/store/profile-store.js';
import { connectionOf, dataSourceFor } from '../../main/store/data-source.js';

/**
 * Migration 008: orders placed before it keep their events, in order, now in `orders.events`; the table goes, and
 * down() brings it back with the same rows.
 */
let dir: string;
let file: string;
const before = profileMigrations.slice(0, profileMigrations.indexOf(OrderEvents1763800000008));

const order = (db: Database.Database, id: string, state: string) =>
  db
    .prepare("INSERT INTO orders (id, symbol, asset_class, side, type, currency, state, venue, created_at, updated_at) VALUES (?, 'S', 'stock', 'buy', 'limit', 'USD', ?, 'paper', 'x', 'x')")
    .run(id, state);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bourse-migrate-008-'));
  file = join(dir, 'bourse.db');
  const ds = dataSourceFor({ file, migrations: before });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  const db = new Database(file);
  order(db, 'a', 'filled');
  order(db, 'b', 'cancelled');
  order(db, 'c', 'open');
  const ev = db.prepare('INSERT INTO order_events (order_id, state, note, at) VALUES (?, ?, ?, ?)');
  // Interleaved across orders, so a wrong grouping or ordering shows.
  ev.run('a', 'pending', null, '2026-01-01T00:00:00.000Z');
  ev.run('b', 'pending', null, '2026-01-01T00:00:01.000Z');
  ev.run('a', 'aggregating', null, '2026-01-01T00:00:02.000Z');
  ev.run('b', 'open', null, '2026-01-01T00:00:03.000Z');
  ev.run('a', 'filled', 'Book reached the threshold: 2 orders, "venue" order p-1', '2026-01-01T00:00:04.000Z');
  ev.run('b', 'cancelled', 'Cancelled by you.', '2026-01-01T00:00:05.000Z');
  db.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('order events into the order row (migration 008)', () => {
  it('moves every event into its order, in order, and drops the table', async () => {
    await (await openProfileStore(file)).close();
    const db = new Database(file, { readonly: true });
    try {
      const events = (id: string) => JSON.parse((db.prepare('SELECT events FROM orders WHERE id = ?').get(id) as { events: string }).events) as unknown[];
      expect(events('a')).toEqual([
        { state: 'pending', note: null, at: '2026-01-01T00:00:00.000Z' },
        { state: 'aggregating', note: null, at: '2026-01-01T00:00:02.000Z' },
        { state: 'filled', note: 'Book reached the threshold: 2 orders, "venue" order p-1', at: '2026-01-01T00:00:04.000Z' },
      ]);
      expect(events('b').map((e) => (e as { state: string }).state)).toEqual(['pending', 'open', 'cancelled']);
      expect(events('c')).toEqual([]);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE '%order_events%'").all()).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });

  it('down() restores the table with the same rows', async () => {
    const ds = dataSourceFor({ file, migrations: profileMigrations });
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      // Back to before 008, newest first; 011 (accounts) rebuilds tables and needs foreign keys off to go back.
      connectionOf(ds).pragma('foreign_keys = OFF');
      for (let i = profileMigrations.length - 1; i >= profileMigrations.indexOf(OrderEvents1763800000008); i--) await ds.undoLastMigration({ transaction: 'each' });
      const rows = (await ds.query('SELECT order_id, state, note, at FROM order_events ORDER BY id')) as { order_id: string; state: string }[];
      expect(rows.map((r) => `${r.order_id}:${r.state}`)).toEqual(['a:pending', 'a:aggregating', 'a:filled', 'b:pending', 'b:open', 'b:cancelled']);
      const cols = ((await ds.query('PRAGMA table_info(orders)')) as { name: string }[]).map((c) => c.name);
      expect(cols).not.toContain('events');
    } finally {
      await ds.destroy();
    }
  });
});
