import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/errors.js';
import { INVOKE_PATH } from '../../shared/transport.js';
import { parseCli } from '../../main/host/args.js';
import { defaultDataDir } from '../../main/paths.js';
import { key } from '../support/app.js';
import { raw } from '../support/http.js';
import { spawnWebHost, type WebHost } from '../support/web-host.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));

async function call<T>(host: WebHost, channel: string, payload: unknown): Promise<Result<T>> {
  const r = await raw({
    port: host.port,
    method: 'POST',
    path: INVOKE_PATH,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify({ channel, payload }),
  });
  return r.json<Result<T>>();
}

describe('browser host CLI (dist/host/cli.js)', () => {
  const dirs: string[] = [];
  const temp = () => {
    const d = mkdtempSync(join(tmpdir(), 'bourse-cli-'));
    dirs.push(d);
    return d;
  };

  beforeAll(() => {
    // Rebuild the Node bundles so this tests the current sources; the renderer is not needed for the API.
    execFileSync(process.execPath, ['scripts/build.mjs', '--bundles-only'], { cwd: repo, stdio: 'pipe' });
  }, 60_000);
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('prints one address line, serves the API, stops cleanly on SIGTERM and keeps the data for the next launch', async () => {
    const dataDir = temp();
    const first = await spawnWebHost({ dataDir });
    expect(first.url).toBe(`http://127.0.0.1:${first.port}/?token=${first.token}`);
    expect(first.token.length).toBeGreaterThanOrEqual(43);
    expect(await call(first, 'profile:create', { username: 'cli-bob', password: 'correct horse' })).toMatchObject({ ok: true });
    expect(await call(first, 'wallet:deposit', { currency: 'JPY', amount: '1500', idempotencyKey: key() })).toMatchObject({
      ok: true,
      data: { balance: '1500' },
    });
    expect(await first.stop()).toBe(0);
    expect(existsSync(join(dataDir, 'app.db'))).toBe(true);

    const second = await spawnWebHost({ dataDir });
    try {
      expect(second.token).not.toBe(first.token);
      const stale = await raw({ port: second.port, method: 'POST', path: INVOKE_PATH, headers: { Authorization: `Bearer ${first.token}` } });
      expect(stale.status).toBe(401);
      expect(await call(second, 'profile:login', { username: 'cli-bob', password: 'correct horse' })).toMatchObject({ ok: true });
      const wallets = await call<{ currency: string; balance: string }[]>(second, 'wallet:list', {});
      expect(wallets.ok && wallets.data.map((w) => [w.currency, w.balance])).toEqual([['JPY', '1500']]);
    } finally {
      await second.stop();
    }
  });

  it('uses BOURSE_DATA_DIR when no --data-dir is given', () => {
    expect(parseCli([], { BOURSE_DATA_DIR: '/tmp/bourse-env' })).toEqual({ port: 0, dataDir: '/tmp/bourse-env', help: false });
    expect(parseCli(['--port', '8123', '--data-dir', '/tmp/x'], {})).toMatchObject({ port: 8123, dataDir: '/tmp/x' });
  });

  it('rejects a bad port or an unknown flag', () => {
    for (const argv of [['--port', '-1'], ['--port', '70000'], ['--port', 'abc'], ['--port', '1.5'], ['--nope']]) {
      expect(() => parseCli(argv, {}), argv.join(' ')).toThrow();
    }
  });

  it('exits with an error when the port is taken', async () => {
    const a = await spawnWebHost({ dataDir: temp() });
    try {
      await expect(spawnWebHost({ dataDir: temp(), port: a.port })).rejects.toThrow(/already in use/);
    } finally {
      await a.stop();
    }
  });
});

describe('default data folder (same as Electron userData for "Bourse")', () => {
  it('follows each platform and lets BOURSE_DATA_DIR win', () => {
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe('/home/u/.config/Bourse');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/u')).toBe('/xdg/Bourse');
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Bourse');
    expect(defaultDataDir({ APPDATA: 'C:/Users/u/AppData/Roaming' }, 'win32', 'C:/Users/u')).toBe('C:/Users/u/AppData/Roaming/Bourse');
    expect(defaultDataDir({ BOURSE_DATA_DIR: '/data/b', XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/u')).toBe('/data/b');
  });
});
