import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allActivities, toActivity, type ActivityRow } from '../../main/portfolio/load-activities.js';
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
});
