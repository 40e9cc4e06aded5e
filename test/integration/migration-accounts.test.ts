import 'reflect-metadata';
import { Database, testKey } from '../support/db-key.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allActivities } from '../../main/portfolio/load-activities.js';
import { profileMigrations } from '../../main/store/migrations/index.js';
import { Accounts1763800000011 } from '../../main/store/migrations/profile-011-accounts.js';
import { openProfileStore } from '../../main/store/profile-store.js';
import { connectionOf, dataSourceFor } from '../../main/store/data-source.js';
import { computeHoldings } from '../../shared/portfolio/cost-basis.js';
import { seedHistory } from '../support/history-seed.js';
import { auditProfileDb } from '../support/ledger.js';

/**
 * Migration 011 moves an existing profile into one account, "Main", changing nothing else: a profile made with the
 * schema before it (a varied seeded history of every activity type, wallets, ledger entries, positions, an order and
 * its fill) keeps every row of every table, every balance, every history day and every portfolio figure; the new
 * account_id reads 'main' everywhere; down() gives back the old tables with the same rows.
 */
const TABLES: Record<string, string> = {
  wallets: 'id',
  ledger_entries: 'id',
  positions: 'symbol',
  activities: 'rowid',
  history_days: 'date, currency, type, symbol, leg',
  orders: 'id',
  fills: 'id',
  instruments: 'symbol',
};
/** The fills as their own table held them; from migration 022 on they are in their order's row (a fill's id: its position). */
const FILLS_IN_ORDERS =
  "SELECT j.key + 1 AS id, o.id AS order_id, j.value ->> 'quantity' AS quantity, j.value ->> 'price' AS price, j.value ->> 'gross' AS gross, j.value ->> 'fee' AS fee, " +
  "j.value ->> 'venue_order_id' AS venue_order_id, j.value ->> 'created_at' AS created_at, j.value ->> 'activity_id' AS activity_id FROM orders o, json_each(o.fills) j";
const before = profileMigrations.slice(0, profileMigrations.indexOf(Accounts1763800000011));

let dir: string;
let file: string;
let old: Record<string, Record<string, unknown>[]>;
let oldPortfolio: string;
/** The seed lets balances go below zero (it is history test data); the audit must say exactly the same after. */
let oldAudit: string[];

function rows(db: Database.Database, drop: string[] = []): Record<string, Record<string, unknown>[]> {
  const out: Record<string, Record<string, unknown>[]> = {};
  const hasFillsTable = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'fills'").get() !== undefined;
  for (const [t, order] of Object.entries(TABLES)) {
    const from = t === 'fills' && !hasFillsTable ? `(${FILLS_IN_ORDERS})` : t;
    out[t] = (db.prepare(`SELECT * FROM ${from} ORDER BY ${order}`).all() as Record<string, unknown>[]).map((r) => {
      const copy = { ...r };
      for (const c of drop) delete copy[c];
      return copy;
    });
  }
  return out;
}

const portfolio = (db: Database.Database) => JSON.stringify(['fifo', 'average'].map((m) => computeHoldings(allActivities(db).activities, m as 'fifo' | 'average')));

/**
 * The same of a profile made before migrations 011 and 019, whose columns the reader reads (each row's account and
 * transfer marker): they are added for the read only (empty: the replay of all accounts uses neither for a profile
 * without transfers), and rolled back.
 */
function portfolioBeforeAccounts(db: Database.Database): string {
  db.exec('SAVEPOINT read_019; ALTER TABLE activities ADD COLUMN transfer_with TEXT; ALTER TABLE activities ADD COLUMN account_id TEXT');
  try {
    return portfolio(db);
  } finally {
    db.exec('ROLLBACK TO read_019; RELEASE read_019');
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bourse-migrate-011-'));
  file = join(dir, 'bourse.db');
  const ds = dataSourceFor({ file, migrations: before, key: testKey });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  seedHistory(file, 3000, { seed: 11 });
  const db = new Database(file);
  const at = '2024-05-01T10:00:00.000Z';
  db.prepare("INSERT INTO positions (symbol, quantity, reserved, updated_at) VALUES ('AAPL', '12.5', '2', ?), ('SAP', '3', '0', ?)").run(at, at);
  db.prepare(
    "INSERT INTO orders (id, symbol, asset_class, side, type, quantity, currency, state, filled_quantity, average_price, gross, fee, total, venue, created_at, updated_at) VALUES ('o1', 'AAPL', 'stock', 'buy', 'market', '2', 'USD', 'filled', '2', '150.00', '300.00', '1.00', '301.00', 'paper', ?, ?)",
  ).run(at, at);
  db.prepare("INSERT INTO fills (order_id, quantity, price, gross, fee, venue_order_id, created_at) VALUES ('o1', '2', '150.00', '300.00', '1.00', 'p-1', ?)").run(at);
  old = rows(db);
  oldPortfolio = portfolioBeforeAccounts(db);
  db.close();
  expect(old.activities!.length).toBe(3000);
  oldAudit = auditProfileDb(file).problems;
  expect(oldAudit.length).toBeGreaterThan(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('accounts migration (011)', () => {
  it('keeps every row, balance, history day and portfolio figure, all in the one account "Main"', async () => {
    await (await openProfileStore(file, testKey)).close();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT id, name, kind, institution, cost_method, archived FROM accounts').all()).toEqual([
        { id: 'main', name: 'Main', kind: 'paper', institution: null, cost_method: 'fifo', archived: 0 },
      ]);
      const now = rows(db, ['account_id']);
      // fills.activity_id comes from migration 014, which runs after this one; orders.fills from 022, which holds
      // the fills from then on (compared as the table above).
      for (const f of now.fills!) delete f.activity_id;
      for (const o of now.orders!) delete o.fills;
      // activities.transfer_with comes from migration 019, which marks no row here (one account, no transfers).
      for (const a of now.activities!) {
        expect(a.transfer_with).toBeNull();
        delete a.transfer_with;
      }
      expect(now).toEqual(old);
      for (const t of ['wallets', 'ledger_entries', 'positions', 'activities', 'orders']) {
        expect(db.prepare(`SELECT DISTINCT account_id FROM ${t}`).pluck().all(), t).toEqual(['main']);
      }
      expect(portfolio(db)).toBe(oldPortfolio);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
    expect(auditProfileDb(file).problems).toEqual(oldAudit);
  });

  it('lets two accounts hold the same currency and instrument, and refuses an unknown account', () => {
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    try {
      const at = '2024-06-01T00:00:00.000Z';
      db.prepare("INSERT INTO accounts (id, name, kind, created_at, updated_at) VALUES ('b', 'Broker', 'brokerage', ?, ?)").run(at, at);
      db.prepare("INSERT INTO wallets (account_id, currency, balance, created_at, updated_at) VALUES ('b', 'USD', '0.00', ?, ?)").run(at, at);
      db.prepare("INSERT INTO positions (account_id, symbol, quantity, updated_at) VALUES ('b', 'AAPL', '1', ?)").run(at);
      expect(() => db.prepare("INSERT INTO wallets (account_id, currency, balance, created_at, updated_at) VALUES ('b', 'USD', '0.00', ?, ?)").run(at, at)).toThrow(/UNIQUE/);
      expect(() => db.prepare("INSERT INTO wallets (account_id, currency, balance, created_at, updated_at) VALUES ('nope', 'EUR', '0.00', ?, ?)").run(at, at)).toThrow(/FOREIGN KEY/);
      expect(() => db.prepare("INSERT INTO accounts (id, name, kind, created_at, updated_at) VALUES ('c', 'C', 'casino', ?, ?)").run(at, at)).toThrow(/CHECK/);
      db.prepare("INSERT INTO activities (id, type, date, symbol, quantity, currency, amount, source, created_at, account_id) VALUES ('sp', 'split', '2024-06-01', 'AAPL', '2', 'USD', '0', 'manual', ?, 'b')").run(at);
      expect(() => db.prepare("INSERT INTO activities (id, type, date, currency, amount, source, created_at) VALUES ('x', 'gift', '2024-06-01', 'USD', '0', 'manual', ?)").run(at)).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });

  it('down() gives back the tables as they were, with the same rows, once only Main is left', async () => {
    const db = new Database(file);
    db.exec("DELETE FROM activities WHERE id = 'sp'; DELETE FROM positions WHERE account_id = 'b'; DELETE FROM wallets WHERE account_id = 'b'; DELETE FROM accounts WHERE id = 'b'");
    db.close();
    const ds = dataSourceFor({ file, migrations: profileMigrations, key: testKey });
    await ds.initialize();
    try {
      connectionOf(ds).pragma('foreign_keys = OFF');
      // The migrations after 011 first, newest first, then 011 itself.
      for (let i = profileMigrations.length - 1; i >= profileMigrations.indexOf(Accounts1763800000011); i--) await ds.undoLastMigration({ transaction: 'each' });
    } finally {
      await ds.destroy();
    }
    const after = new Database(file, { readonly: true });
    try {
      expect(rows(after)).toEqual(old);
      expect(after.prepare("SELECT name FROM sqlite_schema WHERE name = 'accounts'").all()).toEqual([]);
      expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(after.pragma('foreign_key_check')).toEqual([]);
    } finally {
      after.close();
    }
  });
});
