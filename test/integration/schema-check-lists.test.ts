import { Database } from '../support/db-key.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orChain } from '../../main/store/migrations/profile-007-check-lists.js';
import { openProfileStore } from '../../main/store/profile-store.js';
import { testKey } from '../support/db-key.js';

/**
 * Migration 007: the hot tables' IN lists as OR chains. The inserts every trade, deposit and import row makes must
 * build no temporary table per row (EXPLAIN), the constraints must refuse exactly what they refused, and rows written
 * before the rewrite must read back the same sort keys.
 */
let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bourse-check-lists-'));
  file = join(dir, 'bourse.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const INSERTS = [
  "INSERT INTO activities (id, type, date, currency, amount, source, created_at, h_ready) VALUES ('a', 'deposit', '2026-01-01', 'USD', '1', 'wallet', 'x', 1)",
  "INSERT INTO orders (id, symbol, asset_class, side, type, currency, state, venue, created_at, updated_at) VALUES ('o', 'S', 'stock', 'buy', 'market', 'USD', 'filled', 'paper', 'x', 'x')",
  "INSERT INTO history_days (date, currency, type, symbol, leg, entries, whole, frac_e8) VALUES ('2026-01-01', 'USD', 'deposit', '', 'cash', 1, 1, 0)",
];

describe('IN lists of the write paths as OR chains (migration 007)', () => {
  it('an insert into activities, orders or history_days builds no temporary table', async () => {
    await (await openProfileStore(file, testKey)).close();
    const db = new Database(file);
    try {
      for (const sql of INSERTS) {
        const ops = (db.prepare(`EXPLAIN ${sql}`).all() as { opcode: string }[]).map((r) => r.opcode);
        expect(ops.filter((o) => o === 'OpenEphemeral'), sql).toEqual([]);
      }
      // No AUTOINCREMENT counter read and written per row (its MemMax step) on the append-only tables of a trade
      // (order_events and fills were two of them until migrations 008 and 022 moved them into the order row).
      for (const sql of [
        "INSERT INTO ledger_entries (wallet_id, kind, amount, balance_after, created_at) VALUES (1, 'deposit', '1', '1', 'x')",
      ]) {
        const ops = (db.prepare(`EXPLAIN ${sql}`).all() as { opcode: string }[]).map((r) => r.opcode);
        expect(ops.filter((o) => o === 'MemMax' || o === 'OpenEphemeral'), sql).toEqual([]);
      }
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });

  it('the constraints refuse what they refused, and the amount sort key keeps its sign', async () => {
    await (await openProfileStore(file, testKey)).close();
    const db = new Database(file);
    try {
      db.prepare("INSERT INTO activities (id, type, date, currency, amount, source, created_at) VALUES ('w', 'withdrawal', '2026-01-01', 'USD', '12.50', 'wallet', 'x')").run();
      db.prepare("INSERT INTO activities (id, type, date, currency, amount, source, created_at) VALUES ('d', 'dividend', '2026-01-01', 'USD', '3.25', 'manual', 'x')").run();
      expect(db.prepare("SELECT id, h_amount_whole AS w, h_amount_frac AS f FROM activities ORDER BY id").all()).toEqual([
        { id: 'd', w: 3, f: 25_000_000 },
        { id: 'w', w: -12, f: -50_000_000 },
      ]);
      const refuse = (sql: string) => expect(() => db.prepare(sql).run(), sql).toThrow(/CHECK constraint failed/);
      refuse("INSERT INTO activities (id, type, date, currency, amount, source, created_at) VALUES ('x1', 'gift', '2026-01-01', 'USD', '1', 'wallet', 'x')");
      refuse("INSERT INTO activities (id, type, date, currency, amount, source, created_at) VALUES ('x2', 'deposit', '2026-01-01', 'USD', '1', 'bank', 'x')");
      refuse("INSERT INTO activities (id, type, date, currency, amount, source, created_at, h_ready) VALUES ('x3', 'deposit', '2026-01-01', 'USD', '1', 'wallet', 'x', 2)");
      refuse("INSERT INTO orders (id, symbol, asset_class, side, type, currency, state, venue, created_at, updated_at) VALUES ('o2', 'S', 'stock', 'buy', 'market', 'USD', 'lost', 'paper', 'x', 'x')");
      refuse("INSERT INTO history_days (date, currency, type, symbol, leg, entries, whole, frac_e8) VALUES ('2026-01-01', 'USD', 'deposit', '', 'tax', 1, 1, 0)");
    } finally {
      db.close();
    }
  });

  it('writes an OR chain with the IN list’s meaning', () => {
    expect(orChain('leg', ['cash', 'to'])).toBe("(leg = 'cash' OR leg = 'to')");
    expect(orChain('h_ready', [0, 1])).toBe('(h_ready = 0 OR h_ready = 1)');
  });
});
