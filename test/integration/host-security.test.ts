import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_PATH, INVOKE_PATH, MAX_BODY_BYTES } from '../../shared/transport.js';
import { startHost, type Host } from '../../main/host/server.js';
import { raw } from '../support/http.js';

/** The browser host refuses everything that is not our own page holding the launch token (shared/transport.ts). */
describe('browser host refusals', () => {
  let host: Host;
  let dataDir: string;
  let distDir: string;
  let distParent: string;
  const json = { 'Content-Type': 'application/json' };
  const envelope = JSON.stringify({ channel: 'profile:list', payload: {} });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'bourse-host-'));
    // The renderer folder sits next to a secret, so a path that climbs one level would find it.
    distParent = mkdtempSync(join(tmpdir(), 'bourse-dist-'));
    distDir = join(distParent, 'renderer');
    mkdirSync(distDir);
    writeFileSync(join(distParent, 'secret.txt'), 'secret');
    writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>Bourse</title>');
    host = await startHost({ dataDir, distDir, port: 0, scryptCost: 1024, logger: { error: () => undefined } });
  });
  afterAll(async () => {
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(distParent, { recursive: true, force: true });
  });

  const invoke = (headers: Record<string, string | number>, body: string | Buffer = envelope, chunked = false) =>
    raw({ port: host.port, method: 'POST', path: INVOKE_PATH, headers: { ...json, ...headers }, body, chunked });

  function expectRefusal(r: { status: number; json<T>(): T }, status: number, code: string) {
    expect(r.status).toBe(status);
    expect(r.json()).toMatchObject({ ok: false, error: { code } });
  }

  it('binds to the loopback interface and hands out a long random token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(Buffer.from(host.token, 'base64url').length).toBe(32);
  });

  it('accepts the right token', async () => {
    const r = await invoke({ Authorization: `Bearer ${host.token}` });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ ok: true, data: [] });
  });

  it('refuses a call without a token (401)', async () => {
    expectRefusal(await invoke({}), 401, 'UNAUTHENTICATED');
  });

  it('refuses a wrong token, also one of the same length or a prefix (401)', async () => {
    const flipped = (host.token[0] === 'A' ? 'B' : 'A') + host.token.slice(1);
    for (const t of ['nope', flipped, host.token.slice(0, -1), `${host.token}x`]) {
      expectRefusal(await invoke({ Authorization: `Bearer ${t}` }), 401, 'UNAUTHENTICATED');
    }
    expectRefusal(await invoke({ Authorization: host.token }), 401, 'UNAUTHENTICATED');
  });

  it('refuses a foreign Host header even with the right token (403, DNS rebinding)', async () => {
    for (const h of [`evil.example:${host.port}`, 'evil.example', `127.0.0.1:${host.port + 1}`, `127.0.0.1.evil.example:${host.port}`]) {
      expectRefusal(await invoke({ Host: h, Authorization: `Bearer ${host.token}` }), 403, 'UNAUTHENTICATED');
    }
    // Static files too: a rebinding page must not even read our HTML through its own name.
    expect((await raw({ port: host.port, path: '/', headers: { Host: `evil.example:${host.port}` } })).status).toBe(403);
    const ok = await invoke({ Host: `localhost:${host.port}`, Authorization: `Bearer ${host.token}` });
    expect(ok.status).toBe(200);
  });

  it('refuses a foreign Origin even with the right token (403)', async () => {
    for (const origin of ['http://evil.example', `http://evil.example:${host.port}`, 'null', `https://127.0.0.1:${host.port}`]) {
      expectRefusal(await invoke({ Origin: origin, Authorization: `Bearer ${host.token}` }), 403, 'UNAUTHENTICATED');
    }
    const same = await invoke({ Origin: `http://127.0.0.1:${host.port}`, Authorization: `Bearer ${host.token}` });
    expect(same.status).toBe(200);
  });

  it('refuses an oversized body, declared or streamed (413), and stays up', async () => {
    const big = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);
    expectRefusal(await invoke({ Authorization: `Bearer ${host.token}` }, big), 413, 'INVALID_INPUT');
    expectRefusal(await invoke({ Authorization: `Bearer ${host.token}` }, Buffer.alloc(3 * MAX_BODY_BYTES, 0x20), true), 413, 'INVALID_INPUT');
    expect((await invoke({ Authorization: `Bearer ${host.token}` })).status).toBe(200);
  });

  it('refuses bodies that are not a JSON envelope (400) and unknown channels as data (200)', async () => {
    const auth = { Authorization: `Bearer ${host.token}` };
    expectRefusal(await invoke(auth, '{not json'), 400, 'INVALID_INPUT');
    expectRefusal(await invoke(auth, '[1,2]'), 400, 'INVALID_INPUT');
    expectRefusal(await invoke({ ...auth, 'Content-Type': 'text/plain' }), 400, 'INVALID_INPUT');
    const unknown = await invoke(auth, JSON.stringify({ channel: 'nope:nope', payload: {} }));
    expect(unknown.status).toBe(200);
    expect(unknown.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    const bad = await invoke(auth, JSON.stringify({ channel: 'profile:create', payload: { username: 1 } }));
    expect(bad.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses GET on the invoke path and the event stream without the token', async () => {
    expect((await raw({ port: host.port, path: INVOKE_PATH })).status).toBe(405);
    expectRefusal(await raw({ port: host.port, path: EVENTS_PATH }), 401, 'UNAUTHENTICATED');
    expectRefusal(await raw({ port: host.port, path: `${EVENTS_PATH}?token=wrong` }), 401, 'UNAUTHENTICATED');
    expectRefusal(
      await raw({ port: host.port, path: `${EVENTS_PATH}?token=${host.token}`, headers: { Host: `evil.example:${host.port}` } }),
      403,
      'UNAUTHENTICATED',
    );
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt', `/${'..%2f'.repeat(8)}etc/passwd`]) {
      const r = await raw({ port: host.port, path });
      expect(r.body).not.toContain('secret');
      expect(r.body).not.toContain('root:');
    }
  });
});
