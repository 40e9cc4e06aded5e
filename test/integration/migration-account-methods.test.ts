import 'reflect-metadata';
import { Database, testKey } from '../support/db-key.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { profileMigrations } from '../../main/store/migrations/index.js';
import { AccountMethods1763800000017 } from '../../main/store/migrations/profile-017-account-methods.js';
import { openProfileStore } from '../../main/store/profile-store.js';
import { dataSourceFor } from '../../main/store/data-source.js';

/**
 * Migration 017: a profile whose settings chose average cost (what the live portfolio used before each account's
 * method did) keeps average cost in its Main account, unless that account was edited since.
 */
let dir: string;
let file: string;
const before = profileMigrations.slice(0, profileMigrations.indexOf(AccountMethods1763800000017));

async function profileAt016(settings: Record<string, unknown> | null, edit?: string): Promise<void> {
  const ds = dataSourceFor({ file, migrations: before, key: testKey });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  const db = new Database(file);
  if (settings) db.prepare(`INSERT INTO preferences (name, value) VALUES ('settings', ?)`).run(JSON.stringify(settings));
  db.prepare(`INSERT INTO accounts (id, name, kind, cost_method, archived, created_at, updated_at) VALUES ('b', 'Broker', 'brokerage', 'fifo', 0, 'x', 'x')`).run();
  if (edit) db.prepare(edit).run();
  db.close();
}

async function methods(): Promise<Record<string, string>> {
  const store = await openProfileStore(file, testKey);
  try {
    return await store.writer.read((db) => Object.fromEntries((db.prepare('SELECT id, cost_method FROM accounts ORDER BY id').all() as { id: string; cost_method: string }[]).map((r) => [r.id, r.cost_method])));
  } finally {
    await store.close();
  }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bourse-migrate-017-'));
  file = join(dir, 'bourse.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("each account's cost-basis method (migration 017)", () => {
  it('makes Main average cost when the settings chose it, and leaves other accounts as they are', async () => {
    await profileAt016({ baseCurrency: 'USD', costMethod: 'average' });
    expect(await methods()).toEqual({ b: 'fifo', main: 'average' });
  });

  it('changes nothing with FIFO settings, without settings, or when Main was edited', async () => {
    await profileAt016({ baseCurrency: 'USD', costMethod: 'fifo' });
    expect(await methods()).toEqual({ b: 'fifo', main: 'fifo' });
    rmSync(file);
    await profileAt016(null);
    expect(await methods()).toEqual({ b: 'fifo', main: 'fifo' });
    rmSync(file);
    await profileAt016({ costMethod: 'average' }, `UPDATE accounts SET cost_method = 'hifo', updated_at = 'later' WHERE id = 'main'`);
    expect(await methods()).toEqual({ b: 'fifo', main: 'hifo' });
  });
});
