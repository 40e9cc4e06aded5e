import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProvidersView } from '../../shared/contract/providers.js';
import { ok, tempApp } from '../support/app.js';

const KEY = 'fh-secret-key-4711';

/** A loopback stand-in for Finnhub: answers /quote in Finnhub's shape and records every request it gets. */
async function finnhubListener(): Promise<{ url: string; seen: { url: string; headers: IncomingMessage['headers'] }[]; server: Server }> {
  const seen: { url: string; headers: IncomingMessage['headers'] }[] = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ c: 261.74, d: 0.5, dp: 0.19, h: 263.31, l: 260.68, o: 261.07, pc: 261.24, t: 1582641000 }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

function carriesKey(seen: { url: string; headers: IncomingMessage['headers'] }[]): boolean {
  return seen.some((r) => r.url.includes(KEY) || Object.values(r.headers).some((v) => String(v).includes(KEY)));
}

describe('finding 1: a provider key goes only to the URL it was entered for, and only for its profile', () => {
  let t: Awaited<ReturnType<typeof tempApp>>;
  let listeners: Awaited<ReturnType<typeof finnhubListener>>[];
  beforeEach(async () => {
    t = await tempApp();
    listeners = [await finnhubListener(), await finnhubListener()];
  });
  afterEach(async () => {
    await t.cleanup();
    rmSync(t.dir, { recursive: true, force: true });
    for (const l of listeners) l.server.close();
  });

  const update = (changes: Record<string, unknown>) =>
    ok<ProvidersView>(t.app.dispatch('providers:update', { assetClass: 'stock', changes: [{ id: 'finnhub', ...changes }] }));
  const test = () => ok<{ ok: boolean }>(t.app.dispatch('providers:test', { id: 'finnhub', assetClass: 'stock' }));

  it('changing the base URL drops the key: the new listener never receives it', async () => {
    const [first, second] = listeners as [typeof listeners[0], typeof listeners[0]];
    await ok(t.app.dispatch('profile:create', { username: 'ada', password: 'ada-password' }));
    await update({ enabled: true, baseUrl: first.url, apiKey: KEY });
    expect((await test()).ok).toBe(true);
    expect(carriesKey(first.seen)).toBe(true);

    const view = await update({ baseUrl: second.url });
    expect(view.stock.find((p) => p.id === 'finnhub')?.keyHint).toBeNull();
    await test();
    expect(carriesKey(second.seen)).toBe(false);
    // Pointing back at the first URL does not bring the key back either: it was dropped.
    await update({ baseUrl: first.url });
    const before = first.seen.length;
    await test();
    expect(carriesKey(first.seen.slice(before))).toBe(false);
  });

  it('a second profile neither sees nor uses the first profile’s key', async () => {
    const [first] = listeners as [typeof listeners[0]];
    await ok(t.app.dispatch('profile:create', { username: 'ada', password: 'ada-password' }));
    await update({ enabled: true, baseUrl: first.url, apiKey: KEY });
    await ok(t.app.dispatch('profile:create', { username: 'grace', password: 'grace-password' }));
    const view = await ok<ProvidersView>(t.app.dispatch('providers:list', {}));
    expect(view.stock.find((p) => p.id === 'finnhub')?.keyHint).toBeNull();
    const before = first.seen.length;
    await test();
    expect(carriesKey(first.seen.slice(before))).toBe(false);
    // The key is in ada's encrypted database, not in the settings file.
    expect(readFileSync(join(t.dir, 'settings.json'), 'utf8')).not.toContain(KEY);
    // And ada still has it.
    await ok(t.app.dispatch('profile:login', { username: 'ada', password: 'ada-password' }));
    await test();
    expect(carriesKey(first.seen.slice(before))).toBe(true);
  });

  it('a key left in settings.json by an older version moves into the first profile that signs in', async () => {
    await t.app.close();
    const settingsFile = join(t.dir, 'settings.json');
    const { openConfStore } = await import('../../main/settings/conf-store.js');
    openConfStore(t.dir).set('secrets', { 'provider:finnhub': KEY });
    t = await tempApp(t.dir);
    const [first] = listeners as [typeof listeners[0]];
    await ok(t.app.dispatch('profile:create', { username: 'ada', password: 'ada-password' }));
    const view = await ok<ProvidersView>(t.app.dispatch('providers:list', {}));
    expect(view.stock.find((p) => p.id === 'finnhub')?.keyHint).toBe('••••4711');
    expect(readFileSync(settingsFile, 'utf8')).not.toContain(KEY);
    await ok(t.app.dispatch('profile:create', { username: 'grace', password: 'grace-password' }));
    const other = await ok<ProvidersView>(t.app.dispatch('providers:list', {}));
    expect(other.stock.find((p) => p.id === 'finnhub')?.keyHint).toBeNull();
    expect(first.seen).toEqual([]);
  });
});
