import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allActivities, readLog, toActivity, type ActivityRow } from '../../main/portfolio/load-activities.js';
import { lotsRepo } from '../../main/lots/repo.js';
import type { Store } from '../../main/store/data-source.js';
import { openProfileStore } from '../../main/store/profile-store.js';
import { testKey } from '../support/db-key.js';

/**
 * The activity log read as one packed string (load-activities.ts) against the row objects it replaces: NULLs,
 * every activity type, date order with ties by insertion, and a value holding a separator (read as rows then).
 */
let dir: string;
let profile: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bourse-portfolio-load-'));
  profile = await openProfileStore(join(dir, 'bourse.db'), testKey);
});

afterEach(async () => {
  await profile.close();
  rmSync(dir, { recursive: true, force: true });
});

const ROWS: unknown[][] = [
  ['b', 'buy', '2024-01-02', 'AAPL', '2', '150.25', null, 'USD', '300.50', null, null],
  ['a', 'deposit', '2024-01-02', null, null, null, null, 'USD', '1000', null, null],
  ['c', 'dividend', '2024-01-01', null, null, null, null, 'USD', '1.5', null, null],
  ['d', 'dividend', '2024-01-03', 'AAPL', null, null, null, 'USD', '2', null, null],
  ['e', 'fx-exchange', '2024-01-03T10:00:00Z', null, null, null, null, 'USD', '100', 'EUR', '91.5'],
  ['f', 'sell', '2024-01-04', 'AAPL', '1', '160', '1.25', 'USD', '158.75', null, null],
  ['g', 'fee', '2024-01-01', null, null, null, '', 'USD', '0.5', null, null],
];

const insert = (rows: unknown[][]) =>
  profile.writer.write((db) => {
    const st = db.prepare(
      `INSERT INTO activities (id, type, date, symbol, quantity, price, fee, currency, amount, to_currency, to_amount, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'manual', '2024-01-01T00:00:00Z')`,
    );
    for (const r of rows) st.run(...r);
  });

const fromRows = () =>
  profile.writer.write((db) => {
    const rows = db.prepare('SELECT rowid, id, type, date, symbol, quantity, price, fee, currency, amount, to_currency, to_amount FROM activities ORDER BY date, rowid').all() as ActivityRow[];
    return { activities: rows.map(toActivity), last: Math.max(0, ...rows.map((r) => r.rowid)) };
  });

describe('reading the activity log', () => {
  it('packed reads the same activities as row objects, in date order with ties by insertion', async () => {
    await insert(ROWS);
    const got = await profile.writer.write((db) => allActivities(db));
    expect(got).toEqual(await fromRows());
    expect(got.activities.map((a) => a.id)).toEqual(['c', 'g', 'b', 'a', 'd', 'e', 'f']);
    expect(got.activities.find((a) => a.id === 'g')).toMatchObject({ type: 'fee', amount: '0.5' });
  });

  it('falls back to row objects when a value holds a separator', async () => {
    await insert([...ROWS, ['h\x1fx', 'deposit', '2024-01-05', null, null, null, null, 'USD', '1', null, null]]);
    const got = await profile.writer.write((db) => allActivities(db));
    expect(got).toEqual(await fromRows());
    expect(got.activities.at(-1)!.id).toBe('h\x1fx');
  });

  it('reads an empty log', async () => {
    expect(await profile.writer.write((db) => allActivities(db))).toEqual({ activities: [], last: 0 });
  });

  it('one read gives the lots engine the same rows, order and head as its own read', async () => {
    // Corporate actions written after trades of their date, transfers of units and cash, two dates alike written
    // apart: the lots engine takes a date's corporate actions first, then the rest as written.
    await insert([
      ...ROWS,
      ['i', 'buy', '2024-01-04', 'AAPL', '3', '150', null, 'USD', '450', null, null],
      ['j', 'split', '2024-01-04', 'AAPL', '2', '1', null, 'USD', '0', null, null],
      ['k', 'transfer-out', '2024-01-04', 'AAPL', '1', null, null, 'USD', '0', null, null],
      ['l', 'transfer-in', '2024-01-04', 'AAPL', '1', null, null, 'USD', '0', null, null],
      ['m', 'symbol-change', '2024-01-04', 'AAPL', null, null, null, 'USD', '0', 'APPL2', null],
      ['n', 'stock-dividend', '2024-01-03T10:00:00Z', 'AAPL', '1', '10', null, 'USD', '0', null, null],
      ['o', 'sell', '2024-01-02', 'AAPL', '1', '151', null, 'USD', '151', null, null],
      ['p', 'deposit', '2024-01-09', null, null, null, null, 'USD', '5', null, null],
    ]);
    const { own, one } = await profile.writer.write((db) => ({ own: { rows: lotsRepo.upTo(db, '9999-12-31'), head: lotsRepo.head(db) }, one: readLog(db) }));
    const fields = (r: { id: string; type: string; date: string; symbol: string | null; quantity: string | null; price: string | null; fee: string | null; currency: string; to_currency: string | null; account_id: string; transfer_with?: string | null }) => [r.id, r.type, r.date, r.symbol, r.quantity, r.price, r.fee, r.currency, r.to_currency, r.account_id, r.transfer_with];
    expect(one.lots.rows.map(fields)).toEqual(own.rows.map(fields));
    expect(own.rows.map((r) => r.id)).toEqual(['b', 'o', 'n', 'j', 'm', 'f', 'i', 'k', 'l']);
    expect(one.lots.head).toEqual(own.head);
    expect(one.last).toBe(own.head.rowid);
  });
});
