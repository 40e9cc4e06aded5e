import { Database } from '../support/db-key.js';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, type App } from '../../main/compose.js';
import { EXPORT_HEADER } from '../../main/history/columns.js';
import { startHost, type Host } from '../../main/host/server.js';
import type { ExportProgress, OrderView } from '../../shared/contract/index.js';
import { key, ok, tempApp } from '../support/app.js';
import { exportTo, historyDays, profileRows } from '../support/history-io.js';
import { seedHistory } from '../support/history-seed.js';
import { testComposeOptions } from '../support/options.js';
import { AAPL, BTC, tradingApp } from '../support/trading.js';

/**
 * Faults and transports of the history: kill -9 during an export and during an import, the browser host's upload and
 * download endpoints (token, Origin, Host, one-time tickets), a restore from an uploaded corrupt or foreign file,
 * and the round trip of fills of orders placed in Bourse (their orders recreated).
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHILD = join(root, 'test/support/history-child.ts');
const USER = { username: 'killed', password: 'correct horse battery' };

function runChild(dataDir: string, mode: 'export' | 'import', target: string, killWhen: (phase: string, rows: number) => boolean) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, mode, target], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<{ killedAt: { phase: string; rows: number } | null; stderr: string }>((resolveRun, reject) => {
    let buf = '';
    let killedAt: { phase: string; rows: number } | null = null;
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^PROGRESS (\S+) (\d+)$/.exec(line);
        if (m && !killedAt && killWhen(m[1]!, Number(m[2]))) {
          killedAt = { phase: m[1]!, rows: Number(m[2]) };
          child.kill('SIGKILL');
        }
        if (line === 'DONE' || line.startsWith('FAILED')) reject(new Error(`child finished before the kill: ${line}`));
      }
    });
    child.on('exit', () => resolveRun({ killedAt, stderr }));
    child.on('error', reject);
  });
}

async function profileWith(dataDir: string, seed: (file: string) => void): Promise<string> {
  const app = await compose(testComposeOptions(dataDir));
  const s = await ok<{ profile: { id: string } }>(app.dispatch('profile:create', USER));
  for (const i of [AAPL, BTC]) await ok(app.dispatch('instrument:add', i));
  await app.close();
  const file = join(dataDir, 'profiles', s.profile.id, 'bourse.db');
  seed(file);
  return file;
}

describe('kill -9', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('during an export: nothing under the final name (the orphaned temp file is the only trace)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bourse-kill-export-'));
    dirs.push(dataDir);
    await profileWith(dataDir, (f) => seedHistory(f, 150_000, { keepRows: false }));
    const out = join(dataDir, 'out');
    mkdirSync(out);
    const target = join(out, 'history.csv');
    const { killedAt, stderr } = await runChild(dataDir, 'export', target, (phase, rows) => phase === 'running' && rows >= 4000);
    expect(killedAt, stderr).not.toBeNull();
    expect(existsSync(target)).toBe(false);
    const left = readdirSync(out);
    expect(left.every((f) => f.endsWith('.bourse-tmp'))).toBe(true);
  }, 180_000);

  it('during an import: no partial data, and the same file imports whole afterwards', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bourse-kill-import-'));
    dirs.push(dataDir);
    const db = await profileWith(dataDir, () => undefined);
    const before = profileRows(db);
    const rows = [EXPORT_HEADER.join(',')];
    for (let i = 0; i < 60_000; i++) {
      rows.push(`2024-01-${String(1 + (i % 28)).padStart(2, '0')},deposit,,,,USD,${(i % 500) + 1}.25,,,,,,,row ${i},,,manual,kill-${i},2024-02-01T00:00:00.000Z,${i + 1}`);
    }
    const csv = join(dataDir, 'big.csv');
    writeFileSync(csv, `${rows.join('\r\n')}\r\n`);
    const { killedAt, stderr } = await runChild(dataDir, 'import', csv, (phase, n) => phase === 'writing' && n >= 3000);
    expect(killedAt, stderr).not.toBeNull();
    // The open transaction died with the process: the WAL holds no commit of it.
    const after = profileRows(db);
    expect(after).toEqual(before);
    const check = new Database(db, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
    // And the profile is usable: the whole file goes in.
    const app = await compose(testComposeOptions(dataDir, { dialogs: { save: async () => null, open: async () => csv } }));
    await ok(app.dispatch('profile:login', USER));
    const picked = await ok<{ file: { fileId: string } }>(app.dispatch('files:pick', { purpose: 'import' }));
    expect(await ok(app.dispatch('import:run', { fileId: picked.file.fileId, idempotencyKey: key('after') }))).toEqual({ rows: 60_000, imported: 60_000, duplicates: 0 });
    await app.close();
    const days = historyDays(db);
    expect(days.stored).toEqual(days.recomputed);
  }, 180_000);
});

function raw(host: Host, opts: { method: string; path: string; headers?: Record<string, string>; body?: Buffer | string }): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolveReq, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method: opts.method, path: opts.path, headers: { Host: `127.0.0.1:${host.port}`, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolveReq({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('browser host: upload and download', () => {
  let app: App;
  let host: Host;
  let cleanup: () => Promise<void>;
  let dist: string;
  beforeAll(async () => {
    const t = await tempApp();
    app = t.app;
    cleanup = t.cleanup;
    dist = mkdtempSync(join(tmpdir(), 'bourse-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>x</title>');
    host = await startHost({ app, distDir: dist, token: 'test-token-0123456789' });
    await ok(app.dispatch('profile:create', { username: 'web', password: 'correct horse battery' }));
    await ok(app.dispatch('wallet:deposit', { currency: 'USD', amount: '12.34', note: 'first', idempotencyKey: key('w') }));
  });
  afterAll(async () => {
    await host?.close();
    await cleanup?.();
    rmSync(dist, { recursive: true, force: true });
  });

  const upload = (body: Buffer | string, headers: Record<string, string> = {}) =>
    raw(host, { method: 'POST', path: '/api/upload?name=my%20file.csv', headers: { Authorization: 'Bearer test-token-0123456789', 'Content-Type': 'application/octet-stream', ...headers }, body });

  it('an upload needs the token, our Origin and Host, and octet-stream; it lands as an opaque file id', async () => {
    expect((await upload('x', { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await upload('x', { 'Content-Type': 'text/plain' })).status).toBe(400);
    expect((await upload('x', { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await upload('x', { Host: 'evil.example' })).status).toBe(403);
    expect((await raw(host, { method: 'GET', path: '/api/upload', headers: { Authorization: 'Bearer test-token-0123456789' } })).status).toBe(405);
    const good = await upload('date,amount,currency\n2024-01-02,1.00,USD\n', { Origin: `http://127.0.0.1:${host.port}` });
    expect(good.status).toBe(200);
    const res = JSON.parse(good.body.toString()) as { ok: true; data: { fileId: string; name: string; bytes: number } };
    expect(res.data).toMatchObject({ name: 'my file.csv', bytes: 41 });
    const inspection = await ok<{ headers: string[] }>(app.dispatch('import:inspect', { fileId: res.data.fileId }));
    expect(inspection.headers).toEqual(['date', 'amount', 'currency']);
  });

  it('a finished export is offered once at a ticket address (no token in it), as an attachment', async () => {
    const r = await ok<ExportProgress>(app.dispatch('export:start', { filter: {}, sort: { column: 'date', direction: 'desc' }, format: 'csv' }));
    let final: ExportProgress | undefined;
    for (let i = 0; i < 100 && !final; i++) {
      await new Promise((x) => setTimeout(x, 20));
      final = undefined;
      // The last progress event of this export carries the address.
      final = lastProgress.get(r.id);
      if (final?.state === 'running') final = undefined;
    }
    expect(final).toMatchObject({ state: 'done', rows: 1, path: null });
    const url = final!.downloadUrl!;
    expect(url).toMatch(/^\/api\/download\/[A-Za-z0-9_-]{40,}$/);
    expect(url).not.toContain('test-token');
    expect((await raw(host, { method: 'GET', path: url, headers: { Origin: 'http://evil.example' } })).status).toBe(403);
    const got = await raw(host, { method: 'GET', path: url });
    expect(got.status).toBe(200);
    expect(got.headers['content-disposition']).toMatch(/^attachment; filename="bourse-history-start-to-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(got.body.toString()).toMatch(/^date,type,instrument,.*\r\n\d{4}-\d{2}-\d{2},deposit,,,,USD,12\.34,/s);
    expect((await raw(host, { method: 'GET', path: url })).status).toBe(404);
    expect(readdirSync(app.transfers.exportsDir)).toEqual([]);
  });

  const lastProgress = new Map<string, ExportProgress>();
  beforeAll(() => {
    app.events.subscribe((e) => {
      if (e.event === 'export:progress') lastProgress.set(e.payload.id, e.payload);
    });
  });

  it('a restore from an uploaded corrupt or foreign file is refused and the profile stays as it was; a real backup restores', async () => {
    const before = await ok<{ currency: string; balance: string }[]>(app.dispatch('wallet:list', {}));
    const up = async (body: Buffer) => (JSON.parse((await upload(body)).body.toString()) as { data: { fileId: string } }).data.fileId;
    const corrupt = await app.dispatch('backup:restoreFile', { fileId: await up(randomBytes(64 * 1024)) });
    expect(corrupt).toMatchObject({ ok: false, error: { code: 'INVALID_BACKUP' } });
    const foreignFile = join(dist, 'foreign.db');
    const f = new Database(foreignFile);
    f.exec("CREATE TABLE wallets (id INTEGER PRIMARY KEY, currency TEXT, balance TEXT); INSERT INTO wallets VALUES (1, 'USD', '1000000')");
    f.close();
    const foreign = await app.dispatch('backup:restoreFile', { fileId: await up(readFileSync(foreignFile)) });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'INVALID_BACKUP' } });
    expect(await ok(app.dispatch('wallet:list', {}))).toEqual(before);

    // A backup made here, downloaded through its ticket, changed after, then uploaded back and restored.
    await ok(app.dispatch('backup:create', {}));
    const list = await ok<{ name: string }[]>(app.dispatch('backup:list', {}));
    expect(list.length).toBeGreaterThan(0);
    const { url } = await ok<{ url: string }>(app.dispatch('backup:download', { name: list[0]!.name }));
    const file = await raw(host, { method: 'GET', path: url });
    expect(file.status).toBe(200);
    await ok(app.dispatch('wallet:deposit', { currency: 'USD', amount: '1.00', idempotencyKey: key('w') }));
    const restored = await app.dispatch('backup:restoreFile', { fileId: await up(file.body) });
    expect(restored.ok).toBe(true);
    expect(await ok(app.dispatch('wallet:list', {}))).toEqual(before);
    expect((await app.dispatch('backup:download', { name: '../app.db' })).ok).toBe(false);
  });
});

describe('fills of orders placed in Bourse', () => {
  it('come back with their orders (filled, same id, same figures) in another profile', async () => {
    const t = await tradingApp({ username: 'trader-src' });
    try {
      await t.call('instrument:add', AAPL);
      await t.call('instrument:add', BTC);
      await t.call('wallet:deposit', { currency: 'USD', amount: '1000', idempotencyKey: key('o') });
      await t.setPrice('AAPL', '100');
      await t.setPrice('BTC-USD', '50000');
      await t.call<OrderView>('orders:place', { idempotencyKey: key('o'), symbol: 'AAPL', side: 'buy', type: 'market', quantity: '2' });
      await t.call<OrderView>('orders:place', { idempotencyKey: key('o'), symbol: 'BTC-USD', side: 'buy', type: 'market', amount: '100' });
      await t.call<OrderView>('orders:place', { idempotencyKey: key('o'), symbol: 'AAPL', side: 'sell', type: 'market', quantity: '1' });
      const src = (await t.call<{ profile: { id: string } }>('session:get', {})).profile.id;
      const exported = await exportTo(t.app, {}, 'csv');
      const original = profileRows(join(t.dir, 'profiles', src, 'bourse.db'));
      expect(original.orders).toHaveLength(3);

      await t.call('profile:logout', {});
      const dst = (await t.call<{ profile: { id: string } }>('profile:create', { username: 'trader-dst', password: 'correct horse battery' })).profile.id;
      await t.call('instrument:add', AAPL);
      await t.call('instrument:add', BTC);
      const fileId = (await t.app.transfers.hold(exported.path!)).fileId;
      expect(await t.call('import:run', { fileId, idempotencyKey: key('o') })).toEqual({ rows: 4, imported: 4, duplicates: 0 });
      const copy = profileRows(join(t.dir, 'profiles', dst, 'bourse.db'));
      expect(copy).toEqual(original);
      const orders = await t.call<OrderView[]>('orders:list', {});
      expect(orders.map((o) => [o.state, o.venue])).toEqual([
        ['filled', 'import'],
        ['filled', 'import'],
        ['filled', 'import'],
      ]);
    } finally {
      await t.close();
    }
  });
});
