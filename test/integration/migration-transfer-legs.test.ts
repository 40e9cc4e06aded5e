import 'reflect-metadata';
import { Database, testKey } from '../support/db-key.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityRepo } from '../../main/activities/repo.js';
import { activityView } from '../../main/activities/view.js';
import { activityDetail, activityNote } from '../../renderer/src/format/activities.js';
import { toLotEvents, type LotEventRow } from '../../main/ledger/lot-events.js';
import { connectionOf, dataSourceFor } from '../../main/store/data-source.js';
import { profileMigrations } from '../../main/store/migrations/index.js';
import { TransferLegs1763800000019 } from '../../main/store/migrations/profile-019-transfer-legs.js';
import { openProfileStore } from '../../main/store/profile-store.js';

/**
 * Migration 019 marks the transfers already in a profile made with the schema before it, as account:transfer wrote
 * them there (adjacent rows, one instant, the default notes or the user's note on both legs), and nothing else: a
 * withdrawal and a deposit the user recorded on their own at one instant in two accounts stay what they are. The
 * English default notes leave the marked legs; every other column of every row stays as it was. down() gives the
 * notes back (with the accounts' names of today) and the table its old schema.
 */
const before = profileMigrations.slice(0, profileMigrations.indexOf(TransferLegs1763800000019));

/** [id, type, account, currency, amount, symbol, quantity, note, created_at], in the order written. */
const ROWS: [string, string, string, string, string, string | null, string | null, string | null, string][] = [
  ['d0', 'deposit', 'main', 'USD', '5000.00', null, null, null, '2024-01-02T09:00:00.000Z'],
  ['b0', 'buy', 'main', 'USD', '1000.00', 'AAPL', '10', null, '2024-01-03T09:00:00.000Z'],
  // account:transfer of units, no note given.
  ['uo', 'transfer-out', 'main', 'USD', '0.00', 'AAPL', '4', 'Transfer to Broker', '2024-02-01T09:00:00.000Z'],
  ['ui', 'transfer-in', 'ib', 'USD', '0.00', 'AAPL', '4', 'Transfer from Main', '2024-02-01T09:00:00.000Z'],
  // account:transfer of cash, no note given.
  ['co', 'withdrawal', 'main', 'USD', '250.00', null, null, 'Transfer to Broker', '2024-02-02T09:00:00.000Z'],
  ['ci', 'deposit', 'ib', 'USD', '250.00', null, null, 'Transfer from Main', '2024-02-02T09:00:00.000Z'],
  // account:transfer of cash at the rate paid, with the user's note on both legs.
  ['fo', 'withdrawal', 'ib', 'USD', '100.00', null, null, 'back home', '2024-02-03T09:00:00.000Z'],
  ['fi', 'deposit', 'main', 'EUR', '91.37', null, null, 'back home', '2024-02-03T09:00:00.000Z'],
  // Recorded on their own in one clock tick: same amount, day and instant, two accounts. No transfer.
  ['rw', 'withdrawal', 'main', 'USD', '100.00', null, null, null, '2024-02-04T09:00:00.000Z'],
  ['rd', 'deposit', 'ib', 'USD', '100.00', null, null, null, '2024-02-04T09:00:00.000Z'],
  ['nw', 'withdrawal', 'main', 'USD', '50.00', null, null, 'rent', '2024-02-05T09:00:00.000Z'],
  ['nd', 'deposit', 'ib', 'USD', '50.00', null, null, 'salary', '2024-02-05T09:00:00.000Z'],
];
const dateOf = (createdAt: string) => createdAt.slice(0, 10);

let dir: string;
let file: string;
let old: Record<string, unknown>[];
let oldSchema: string;

const activities = (db: Database.Database) => db.prepare('SELECT * FROM activities ORDER BY rowid').all() as Record<string, unknown>[];
const schemaOf = (db: Database.Database) => db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'activities'").pluck().get() as string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bourse-migrate-019-'));
  file = join(dir, 'bourse.db');
  const ds = dataSourceFor({ file, migrations: before, key: testKey });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  const db = new Database(file);
  const at = '2024-01-01T00:00:00.000Z';
  // Named "Broker" when the transfers were made, renamed since.
  db.prepare("INSERT INTO accounts (id, name, kind, created_at, updated_at) VALUES ('ib', 'Interactive', 'brokerage', ?, ?)").run(at, at);
  const insert = db.prepare(
    "INSERT INTO activities (id, type, date, symbol, quantity, price, currency, amount, source, note, created_at, account_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'manual', ?, ?, ?)",
  );
  for (const [id, type, account, currency, amount, symbol, quantity, note, createdAt] of ROWS) {
    insert.run(id, type, dateOf(createdAt), symbol, quantity, type === 'buy' ? '100' : null, currency, amount, note, createdAt, account);
  }
  old = activities(db);
  oldSchema = schemaOf(db);
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('transfer legs migration (019)', () => {
  it('marks the transfers account:transfer wrote, and only them; their default notes go', async () => {
    await (await openProfileStore(file, testKey)).close();
    const db = new Database(file, { readonly: true });
    try {
      const now = activities(db);
      expect(now.map((r) => [r.id, r.transfer_with, r.note])).toEqual([
        ['d0', null, null],
        ['b0', null, null],
        ['uo', 'ui', null],
        ['ui', 'uo', null],
        ['co', 'ci', null],
        ['ci', 'co', null],
        ['fo', 'fi', 'back home'],
        ['fi', 'fo', 'back home'],
        ['rw', null, null],
        ['rd', null, null],
        ['nw', null, 'rent'],
        ['nd', null, 'salary'],
      ]);
      // Nothing else changed in any row.
      const rest = (rows: Record<string, unknown>[]) => rows.map(({ transfer_with: _t, note: _n, h_note: _h, ...r }) => r);
      expect(rest(now)).toEqual(rest(old));

      // The activity list and the lots replay pair by the marker.
      const listed = activityRepo.list(db, { limit: 50 }).map(activityView);
      expect(listed.reverse().map((a) => [a.id, a.transfer ? `${a.transfer.fromAccountId}→${a.transfer.toAccountId}` : null])).toEqual([
        ['d0', null],
        ['b0', null],
        ['uo', 'main→ib'],
        ['ui', 'main→ib'],
        ['co', 'main→ib'],
        ['ci', 'main→ib'],
        ['fo', 'ib→main'],
        ['fi', 'ib→main'],
        ['rw', null],
        ['rd', null],
        ['nw', null],
        ['nd', null],
      ]);
      // What the Activity page shows of them: no English default note left, the user's note kept, and the details
      // saying what moved between which accounts (in the reader's language) in their place.
      const names: Record<string, string> = { main: 'Main', ib: 'Interactive' };
      const shown = listed.map((a) => [a.id, activityNote(a, null), a.transfer ? activityDetail(a, 'en-US', () => 2, (id) => names[id] ?? id) : null]);
      expect(shown.filter((r) => r[2] !== null)).toEqual([
        ['uo', null, '4 AAPL from Main to Interactive'],
        ['ui', null, '4 AAPL from Main to Interactive'],
        ['co', null, '$250.00 from Main to Interactive'],
        ['ci', null, '$250.00 from Main to Interactive'],
        ['fo', 'back home', '$100.00 from Interactive to Main'],
        ['fi', 'back home', '€91.37 from Interactive to Main'],
      ]);
      const lotRows = db
        .prepare("SELECT id, type, date, symbol, quantity, price, fee, currency, to_currency, account_id, transfer_with FROM activities WHERE symbol = 'AAPL' ORDER BY rowid")
        .all() as LotEventRow[];
      expect(toLotEvents(lotRows).map((e) => (e.kind === 'transfer' ? [e.kind, e.fromAccountId, e.toAccountId, e.quantity] : [e.kind]))).toEqual([
        ['buy'],
        ['transfer', 'main', 'ib', '4'],
      ]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });

  it('down() gives the default notes back, with the names of today, and the old schema', async () => {
    const ds = dataSourceFor({ file, migrations: profileMigrations, key: testKey });
    await ds.initialize();
    try {
      connectionOf(ds).pragma('foreign_keys = OFF');
      // The migrations after 019 first (021's index reads the column 019 adds), then 019 itself.
      for (let i = profileMigrations.indexOf(TransferLegs1763800000019); i < profileMigrations.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    } finally {
      await ds.destroy();
    }
    const db = new Database(file, { readonly: true });
    try {
      expect(schemaOf(db)).toBe(oldSchema);
      const named: Record<string, string> = { uo: 'Transfer to Interactive', ui: 'Transfer from Main', co: 'Transfer to Interactive', ci: 'Transfer from Main' };
      expect(activities(db)).toEqual(old.map((r) => (named[r.id as string] ? { ...r, note: named[r.id as string], h_note: named[r.id as string] } : r)));
    } finally {
      db.close();
    }
  });
});
