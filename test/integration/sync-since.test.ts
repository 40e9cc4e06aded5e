import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compose, type App } from '../../main/compose.js';
import { CHUNK_DAYS } from '../../main/sync/service.js';
import { key, ok } from '../support/app.js';
import { testComposeOptions } from '../support/options.js';

/**
 * How far back the market sync reaches (main/market/coordinator.ts): five years by default, and back to the first
 * entry's own date when the history is older: the history shows each entry in the base currency at the rate of its
 * date, so an entry recorded today but dated 2012 needs 2012's rates.
 */
const TODAY = '2020-03-07';
let app: App | undefined;
let dir: string | undefined;

afterEach(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  app = undefined;
});

const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;

describe('sync range', () => {
  it('reaches back to the earliest entry date, not to when it was recorded', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bourse-sync-since-'));
    app = await compose(testComposeOptions(dir, { today: () => TODAY }));
    await ok(app.dispatch('profile:create', { username: 'since', password: 'correct horse battery' }));
    // A deposit dated 2012, recorded now (its ledger entry's created_at is today's clock time).
    await ok(app.dispatch('activity:record', { type: 'deposit', currency: 'CHF', amount: '100', date: '2012-05-01', idempotencyKey: key('old') }));
    const jobs = await ok<{ symbol: string; total: number }[]>(app.dispatch('sync:run', {}));
    const chf = jobs.find((j) => j.symbol === 'EUR-CHF');
    expect(chf).toBeDefined();
    // One chunk per CHUNK_DAYS days from 2012-05-01 to today (the default five years would be 5 chunks).
    expect(chf!.total).toBe(Math.ceil(days('2012-05-01', TODAY) / CHUNK_DAYS));
    expect(chf!.total).toBeGreaterThan(Math.ceil(1827 / CHUNK_DAYS));
  });
});
