import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../../main/compose.js';
import { CONTENT_SECURITY_POLICY } from '../../main/host/headers.js';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/transport.js';
import { key, tempApp } from '../support/app.js';

/**
 * The Electron binary is not installed here, so the desktop transport runs against a stand-in for the few electron
 * APIs it touches. What is real: the sender check, the envelope, dispatch, event forwarding and the app:// handler.
 */
const fake = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  protocols: new Map<string, (req: Request) => Promise<Response>>(),
}));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => fake.handlers.set(channel, fn),
    removeHandler: (channel: string) => fake.handlers.delete(channel),
  },
  protocol: {
    registerSchemesAsPrivileged: () => undefined,
    handle: (scheme: string, fn: (req: Request) => Promise<Response>) => fake.protocols.set(scheme, fn),
  },
}));

const { bindIpc } = await import('../../main/electron/ipc.js');
const { serveRenderer, APP_ENTRY } = await import('../../main/electron/protocol.js');
const { isAllowedExternal } = await import('../../main/electron/external.js');

function fakeWindow(url: string) {
  const sent: [string, unknown][] = [];
  const win = {
    isDestroyed: () => false,
    webContents: { isDestroyed: () => false, getURL: () => url, send: (c: string, e: unknown) => sent.push([c, e]) },
  };
  return { win, sent };
}

describe('Electron IPC transport', () => {
  let app: App;
  let cleanup: () => Promise<void>;
  let unbind: () => void;
  const page = fakeWindow(APP_ENTRY);
  const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });
  const invoke = (event: unknown, envelope: unknown) => fake.handlers.get(IPC_INVOKE)!(event, envelope);

  beforeAll(async () => {
    ({ app, cleanup } = await tempApp());
    unbind = bindIpc(app, () => page.win as never);
  });
  afterAll(async () => {
    unbind();
    expect(fake.handlers.has(IPC_INVOKE)).toBe(false);
    await cleanup();
  });

  it('dispatches calls from our own top frame and forwards events to it', async () => {
    const own = frame('app://bourse/index.html');
    expect(await invoke(own, { channel: 'profile:create', payload: { username: 'desk', password: 'correct horse' } })).toMatchObject({ ok: true });
    expect(await invoke(own, { channel: 'wallet:deposit', payload: { currency: 'CHF', amount: '12.5', idempotencyKey: key() } })).toMatchObject({
      ok: true,
      data: { balance: '12.50' },
    });
    expect(page.sent).toContainEqual([IPC_EVENT, { event: 'wallet:changed', payload: { currency: 'CHF', balance: '12.50' } }]);
  });

  it('refuses other pages, iframes and missing frames, and bad envelopes', async () => {
    const call = { channel: 'profile:list', payload: {} };
    for (const event of [frame('https://evil.example/'), frame('file:///etc/passwd'), frame('app://other/index.html'), frame(APP_ENTRY, {}), { senderFrame: null }]) {
      expect(await invoke(event, call)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    expect(await invoke(frame(APP_ENTRY), null)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await invoke(frame(APP_ENTRY), { channel: 'nope', payload: {} })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('does not forward events to a window showing some other page', async () => {
    const other = fakeWindow('https://evil.example/');
    unbind();
    unbind = bindIpc(app, () => other.win as never);
    app.events.emit('wallet:changed', { currency: 'CHF', balance: '1.00' });
    expect(other.sent).toEqual([]);
    unbind();
    unbind = bindIpc(app, () => page.win as never);
  });
});

describe('app:// protocol and external links', () => {
  let parent: string;
  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), 'bourse-app-'));
    const dir = join(parent, 'renderer');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Bourse</title>');
    writeFileSync(join(dir, 'assets', 'a.js'), '1');
    writeFileSync(join(parent, 'secret.txt'), 'secret');
    serveRenderer(dir);
  });
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  const get = (url: string) => fake.protocols.get('app')!(new Request(url));

  it('serves the renderer with the CSP, falls back for routes and never leaves its folder', async () => {
    const index = await get(APP_ENTRY);
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await get('app://bourse/wallets')).status).toBe(200);
    expect((await get('app://bourse/assets/a.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://bourse/assets/nope.js')).status).toBe(404);
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
    for (const url of ['app://bourse/..%2fsecret.txt', 'app://bourse/%2e%2e%2fsecret.txt']) {
      expect(await (await get(url)).text()).not.toContain('secret');
    }
  });

  it('opens only allowlisted https sites externally', () => {
    expect(isAllowedExternal('https://finnhub.io/register')).toBe(true);
    for (const url of ['http://finnhub.io/', 'https://evil.example/', 'file:///etc/passwd', 'https://finnhub.io.evil.example/', 'https://user@finnhub.io/', 'javascript:alert(1)', 'not a url']) {
      expect(isAllowedExternal(url), url).toBe(false);
    }
  });
});
