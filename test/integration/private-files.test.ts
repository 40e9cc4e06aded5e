import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compose } from '../../main/compose.js';
import type { ExportProgress } from '../../shared/contract/index.js';
import { key, ok } from '../support/app.js';
import { testComposeOptions } from '../support/options.js';
import { AAPL, tradingApp, type TradingApp } from '../support/trading.js';

/** Every entry under `root` (root included) with its permission bits; links are listed, never followed. */
function modes(root: string): Map<string, { dir: boolean; mode: number }> {
  const out = new Map<string, { dir: boolean; mode: number }>();
  const walk = (p: string) => {
    const st = lstatSync(p);
    out.set(relative(root, p) || '.', { dir: st.isDirectory(), mode: st.mode & 0o777 });
    if (st.isDirectory()) for (const n of readdirSync(p)) walk(join(p, n));
  };
  walk(root);
  return out;
}

/** Entries whose mode is not 0700 (folders) or 0600 (files), as `path 0644` lines. */
function wrongModes(root: string): string[] {
  return [...modes(root)]
    .filter(([, m]) => m.mode !== (m.dir ? 0o700 : 0o600))
    .map(([p, m]) => `${p} ${m.mode.toString(8).padStart(4, '0')}`);
}

const skipOnWindows = process.platform === 'win32';

describe.skipIf(skipOnWindows)('the data folder is private (docs/design.md#security)', () => {
  const roots: string[] = [];
  let t: TradingApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
    for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
  });

  it('after sign-up, deposits, an order, an export, a backup and provider settings: folders 0700, files 0600', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'bourse-private-'));
    roots.push(parent);
    // A folder Bourse creates itself, as on a first start.
    const dir = join(parent, 'Bourse');
    t = await tradingApp({ dir, username: 'petra' });
    await t.call('instrument:add', AAPL);
    await t.call('wallet:deposit', { currency: 'USD', amount: '1000', idempotencyKey: key(), note: 'rent money' });
    await t.call('wallet:deposit', { currency: 'EUR', amount: '50', idempotencyKey: key() });
    await t.setPrice('AAPL', '100');
    await t.call('orders:place', { idempotencyKey: key(), symbol: 'AAPL', side: 'buy', type: 'market', quantity: '1' });
    await t.call('providers:update', { assetClass: 'stock', changes: [{ id: 'finnhub', apiKey: 'fh-secret-key-123' }] });
    await t.call('settings:update', { idleLockMinutes: 5 });
    const done = new Promise<ExportProgress>((resolve) => {
      const off = t!.app.events.subscribe((e) => {
        if (e.event === 'export:progress' && e.payload.state !== 'running') {
          off();
          resolve(e.payload);
        }
      });
    });
    await t.call('export:start', { filter: {}, sort: { column: 'date', direction: 'asc' }, format: 'csv' });
    expect((await done).state).toBe('done');
    await t.call('backup:create', {});

    // While open: the databases' -wal and -shm files are there too.
    const open = [...modes(dir).keys()];
    const profile = readdirSync(join(dir, 'profiles'))[0]!;
    for (const expected of [
      '.',
      'app.db',
      'app.db-wal',
      'app.db-shm',
      'market.db',
      'settings.json',
      'profiles',
      join('profiles', profile),
      join('profiles', profile, 'bourse.db'),
      join('profiles', profile, 'bourse.db-wal'),
      join('profiles', profile, 'bourse.db-shm'),
      'backups',
      'exports',
    ]) {
      expect(open, expected).toContain(expected);
    }
    expect(open.some((p) => p.startsWith('backups/') && p.endsWith('.bourse-backup'))).toBe(true);
    expect(open.some((p) => p.startsWith('exports/'))).toBe(true);
    expect(wrongModes(dir)).toEqual([]);

    await t.close();
    t = undefined;
    expect(wrongModes(dir)).toEqual([]);
  });

  it('a folder an earlier version left readable to others is tightened at start, links not followed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bourse-private-old-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'bourse-private-elsewhere-'));
    roots.push(dir, elsewhere);
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'profiles', 'p1'), { recursive: true, mode: 0o755 });
    mkdirSync(join(dir, 'backups'), { mode: 0o755 });
    writeFileSync(join(dir, 'settings.json'), '{"secrets":{"provider:finnhub":"old-key"}}', { mode: 0o644 });
    writeFileSync(join(dir, 'backups', 'old.bourse-backup'), 'x', { mode: 0o644 });
    writeFileSync(join(dir, 'profiles', 'p1', 'notes.txt'), 'x', { mode: 0o664 });
    const outside = join(elsewhere, 'not-ours.txt');
    writeFileSync(outside, 'x', { mode: 0o644 });
    chmodSync(outside, 0o644);
    const { symlinkSync } = await import('node:fs');
    symlinkSync(outside, join(dir, 'link-out'));
    for (const p of ['settings.json', 'backups/old.bourse-backup', 'profiles/p1/notes.txt']) chmodSync(join(dir, p), 0o644);

    const app = await compose(testComposeOptions(dir));
    try {
      expect(wrongModes(dir).filter((l) => !l.startsWith('link-out '))).toEqual([]);
      // The link's target outside the folder is left as it was.
      expect(lstatSync(outside).mode & 0o777).toBe(0o644);
      await ok(app.dispatch('profile:create', { username: 'quinn', password: 'quinn-password' }));
      expect(wrongModes(dir).filter((l) => !l.startsWith('link-out '))).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
