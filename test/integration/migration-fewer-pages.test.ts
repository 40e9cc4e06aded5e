import 'reflect-metadata';
import { Database, testKey } from '../support/db-key.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryFilter, HistorySort } from '../../shared/contract/index.js';
import { countByScan, pageRowids, plan } from '../../main/history/query.js';
import { drainPendingHistory } from '../../main/ledger/indexer.js';
import { orderDetail } from '../../main/orders/queries.js';
import { dataSourceFor } from '../../main/store/data-source.js';
import { profileMigrations } from '../../main/store/migrations/index.js';
import { FewerPages1763800000022 } from '../../main/store/migrations/profile-022-fewer-pages.js';
import { openProfileStore } from '../../main/store/profile-store.js';
import type { ReadDb } from '../../main/store/writer.js';
import { walletRepo } from '../../main/wallets/repo.js';
import { seedHistory } from '../support/history-seed.js';

/**
 * Migration 022 on a profile made with the schema before it: 6,000 activities of every kind, some of them not yet
 * marked for the history's sort indexes (scattered, as the indexer left them when it marked by date, and the last
 * rows, as trades leave them), and orders with two fills, one fill and none. After it, every row is as it was, each
 * order shows the same fills and ledger entries, and every History sort pages through the same rows in the same
 * order as before, pending rows included; again once the indexer has caught up.
 */
const before = profileMigrations.slice(0, profileMigrations.indexOf(FewerPages1763800000022));
const N = 6000;

let dir: string;
let file: string;
let old: {
  orders: Record<string, unknown>[];
  fills: Record<string, Record<string, unknown>[]>;
  entries: Record<string, unknown[]>;
  activities: unknown[];
  days: unknown[];
  sorted: Record<string, number[]>;
  counts: Record<string, number>;
};

const SORTS: HistorySort[] = (['date', 'amount', 'type', 'instrument', 'note', 'fee'] as const).flatMap((column) =>
  (['asc', 'desc'] as const).map((direction) => ({ column, direction })),
);
const KEYS: Record<string, string> = {
  date: 'date',
  amount: 'h_amount_whole, h_amount_frac, date',
  type: 'type, date',
  instrument: 'h_symbol, date',
  note: 'h_note, date',
  fee: 'h_fee_whole, h_fee_frac, date',
};
const FILTERS: [string, HistoryFilter, string][] = [
  ['all', {}, '1'],
  ['AAPL', { symbol: 'AAPL' }, "h_symbol = 'AAPL'"],
  ['from 2022', { from: '2022-01-01' }, "date >= '2022-01-01'"],
];
const ORDERS = ['a', 'b', 'c'];
/** The order's entries through its fills, as the reader before 022 found them. */
const ENTRIES_BEFORE = 'SELECT e.id, e.amount, e.balance_after, e.kind FROM fills f JOIN ledger_entries e ON e.activity_id = f.activity_id WHERE f.order_id = ? ORDER BY e.id';

/** The rowids of every row in a sort's order, by SQLite's own sort of the whole table (no index). */
function oracle(db: Database.Database, sort: HistorySort, where: string): number[] {
  const dir = sort.direction === 'desc' ? 'DESC' : 'ASC';
  const order = [...KEYS[sort.column]!.split(', '), 'rowid'].map((k) => `${k} ${dir}`).join(', ');
  return db.prepare(`SELECT rowid FROM activities NOT INDEXED WHERE ${where} ORDER BY ${order}`).pluck().all() as number[];
}

/** Pages of 50 at offsets on both sides of the anchor windows, as the History reads them. */
function paged(db: ReadDb, filter: HistoryFilter, sort: HistorySort, total: number, tag: string): number[] {
  const p = plan(filter, sort, total);
  const out: number[] = [];
  for (const offset of [0, 950, 1000, 2975, total - 30]) out.push(...pageRowids(db, p, `${tag}:${sort.column}:${sort.direction}`, Math.max(0, offset), 50));
  return out;
}
const expectedPages = (all: number[]) => [0, 950, 1000, 2975, all.length - 30].flatMap((o) => all.slice(Math.max(0, o), Math.max(0, o) + 50));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bourse-migrate-022-'));
  file = join(dir, 'bourse.db');
  const ds = dataSourceFor({ file, migrations: before, key: testKey });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  seedHistory(file, N, { seed: 22 });
  const db = new Database(file);
  const at = '2024-05-01T10:00:00.000Z';
  const usd = db.prepare("SELECT id FROM wallets WHERE currency = 'USD'").pluck().get() as number;
  const order = db.prepare(
    "INSERT INTO orders (id, symbol, asset_class, side, type, quantity, currency, state, filled_quantity, average_price, gross, fee, total, venue, created_at, updated_at, events) VALUES (?, 'AAPL', 'stock', 'buy', ?, '3', 'USD', ?, ?, ?, ?, ?, ?, 'paper', ?, ?, '[]')",
  );
  order.run('a', 'limit', 'filled', '3', '150.00', '450.00', '2.00', '452.00', at, at);
  order.run('b', 'market', 'filled', '1', '151.50', '151.50', '1.00', '152.50', at, at);
  order.run('c', 'limit', 'open', '0', null, '0', '0', '0', at, at);
  const fill = db.prepare("INSERT INTO fills (order_id, quantity, price, gross, fee, venue_order_id, created_at, activity_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  const activity = db.prepare(
    "INSERT INTO activities (id, type, date, symbol, quantity, price, fee, currency, amount, order_id, source, created_at, h_ready) VALUES (?, 'buy', '2024-05-01', 'AAPL', ?, ?, ?, 'USD', ?, ?, 'order', ?, 0)",
  );
  const entry = db.prepare("INSERT INTO ledger_entries (wallet_id, kind, amount, balance_after, created_at, order_id, activity_id) VALUES (?, 'buy', ?, '0', ?, ?, ?)");
  // Interleaved across orders, as an aggregation book settles its members.
  for (const [o, q, price, gross, fee, total, venue, act] of [
    ['a', '1', '150.00', '150.00', '1.00', '151.00', 'paper-1', 'act-a1'],
    ['b', '1', '151.50', '151.50', '1.00', '152.50', 'paper-2', 'act-b1'],
    ['a', '2', '150.00', '300.00', '1.00', '301.00', 'paper-3', 'act-a2'],
  ] as const) {
    activity.run(act, q, price, fee, total, o, at);
    entry.run(usd, `-${total}`, at, o, act);
    fill.run(o, q, price, gross, fee, venue, at, act);
  }
  // Pending rows: scattered (the indexer before 022 marked by date, not by rowid) and the last ones.
  db.prepare('UPDATE activities SET h_ready = 0 WHERE rowid % 11 = 4 AND rowid > 2500').run();
  db.prepare('UPDATE activities SET h_ready = 0 WHERE rowid > ?').run(N - 40);

  const sorted: Record<string, number[]> = {};
  const counts: Record<string, number> = {};
  for (const [tag, , where] of FILTERS) {
    counts[tag] = db.prepare(`SELECT count(*) FROM activities WHERE ${where}`).pluck().get() as number;
    for (const s of SORTS) sorted[`${tag}:${s.column}:${s.direction}`] = oracle(db, s, where);
  }
  old = {
    orders: db.prepare('SELECT * FROM orders ORDER BY rowid').all() as Record<string, unknown>[],
    fills: Object.fromEntries(ORDERS.map((o) => [o, db.prepare('SELECT * FROM fills WHERE order_id = ? ORDER BY id').all(o) as Record<string, unknown>[]])),
    entries: Object.fromEntries(ORDERS.map((o) => [o, db.prepare(ENTRIES_BEFORE).all(o)])),
    activities: db.prepare('SELECT * FROM activities ORDER BY rowid').all(),
    days: db.prepare('SELECT * FROM history_days ORDER BY date, currency, type, symbol, leg').all(),
    sorted,
    counts,
  };
  db.close();
  expect(old.fills.a).toHaveLength(2);
  expect(old.counts.all).toBe(N + 3);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fewer pages migration (022)', () => {
  it('keeps every row, each order’s fills and entries, and every History page, before and after the indexer', async () => {
    const store = await openProfileStore(file, testKey);
    try {
      const pending = await store.writer.read((db) => db.prepare('SELECT count(*) FROM activities WHERE h_ready = 0').pluck().get() as number);
      expect(pending).toBeGreaterThan(100);
      const strip = (rows: unknown[]) => rows.map((r) => ({ ...(r as object), h_ready: undefined }));
      const check = (indexed: boolean) =>
        store.writer.read((db) => {
          const activities = db.prepare('SELECT * FROM activities ORDER BY rowid').all();
          // As they were; once indexed, only h_ready differs.
          expect(indexed ? strip(activities) : activities).toEqual(indexed ? strip(old.activities) : old.activities);
          expect(db.prepare('SELECT * FROM history_days ORDER BY date, currency, type, symbol, leg').all()).toEqual(old.days);
          const orders = db.prepare('SELECT * FROM orders ORDER BY rowid').all() as Record<string, unknown>[];
          expect(orders.map(({ fills: _f, ...r }) => r)).toEqual(old.orders);
          for (const o of ORDERS) {
            const detail = orderDetail(db, o);
            expect(detail.fills).toEqual(
              old.fills[o]!.map((f, i) => ({ id: i + 1, quantity: f.quantity, price: f.price, gross: f.gross, fee: f.fee, venueOrderId: f.venue_order_id, createdAt: f.created_at })),
            );
            expect(walletRepo.ofOrder(db, o).map((e) => [e.id, e.amount, e.balance_after, e.kind])).toEqual(old.entries[o]!.map((e) => Object.values(e as object)));
          }
          for (const [tag, filter] of FILTERS) {
            expect(countByScan(db, filter)).toBe(old.counts[tag]);
            for (const s of SORTS) {
              const key = `${tag}:${s.column}:${s.direction}`;
              expect(paged(db, filter, s, old.counts[tag]!, key), key).toEqual(expectedPages(old.sorted[key]!));
            }
          }
        });
      await check(false);
      // Every row marked, the watermark at the end, and the same pages through the sort indexes alone.
      expect(await drainPendingHistory(store.writer)).toBeGreaterThan(0);
      await store.writer.read((db) => {
        expect(db.prepare('SELECT count(*) FROM activities WHERE h_ready = 0').pluck().get()).toBe(0);
        expect(db.prepare('SELECT last_rowid FROM history_indexed').pluck().get()).toBe(db.prepare('SELECT max(rowid) FROM activities').pluck().get());
      });
      await check(true);
    } finally {
      await store.close();
    }
  });
});
