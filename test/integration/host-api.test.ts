import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/errors.js';
import { INVOKE_PATH } from '../../shared/transport.js';
import { CONTENT_SECURITY_POLICY } from '../../main/host/headers.js';
import { startHost, type Host } from '../../main/host/server.js';
import { key } from '../support/app.js';
import { raw } from '../support/http.js';
import { openEvents } from '../support/sse.js';

describe('browser host API and static files', () => {
  let host: Host;
  let dataDir: string;
  let distDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'bourse-host-'));
    distDir = mkdtempSync(join(tmpdir(), 'bourse-dist-'));
    mkdirSync(join(distDir, 'assets'));
    writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>Bourse</title><script type="module" src="./assets/app-1.js"></script>');
    writeFileSync(join(distDir, 'assets', 'app-1.js'), 'console.log(1)');
    writeFileSync(join(distDir, 'assets', 'app-1.css'), 'body{}');
    writeFileSync(join(distDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    host = await startHost({ dataDir, distDir, port: 0, scryptCost: 1024, heartbeatMs: 100, logger: { error: () => undefined } });
  });
  afterAll(async () => {
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(distDir, { recursive: true, force: true });
  });

  async function call<T>(channel: string, payload: unknown): Promise<Result<T>> {
    const r = await raw({
      port: host.port,
      method: 'POST',
      path: INVOKE_PATH,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, Origin: host.origin },
      body: JSON.stringify({ channel, payload }),
    });
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    return r.json<Result<T>>();
  }

  it('creates a profile and deposits through HTTP, with errors as data', async () => {
    const created = await call<{ profile: { username: string } }>('profile:create', { username: 'web-alice', password: 'correct horse' });
    expect(created).toMatchObject({ ok: true, data: { profile: { username: 'web-alice' }, locked: false } });
    const dep = await call<{ balance: string }>('wallet:deposit', { currency: 'EUR', amount: '100', idempotencyKey: key() });
    expect(dep).toMatchObject({ ok: true, data: { balance: '100.00' } });
    const over = await call('wallet:withdraw', { currency: 'EUR', amount: '1000', idempotencyKey: key() });
    expect(over).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_FUNDS' } });
  });

  it('streams a wallet:changed event after a deposit, with heartbeats, and unsubscribes on close', async () => {
    const before = listenerCount(host);
    const stream = openEvents(host.port, host.token);
    const res = await stream.ready;
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(listenerCount(host)).toBe(before + 1);

    await call('wallet:deposit', { currency: 'USD', amount: '50.25', idempotencyKey: key() });
    const event = await stream.waitFor((e) => e.event === 'wallet:changed' && e.payload.currency === 'USD');
    expect(event).toEqual({ event: 'wallet:changed', payload: { currency: 'USD', balance: '50.25' } });

    await waitUntil(() => stream.comments.includes(': heartbeat'));
    stream.close();
    await waitUntil(() => listenerCount(host) === before);
  });

  it('serves index.html with the CSP and security headers, and falls back to it for client routes', async () => {
    for (const path of ['/', '/index.html', '/wallets', '/settings/profile?tab=1']) {
      const r = await raw({ port: host.port, path });
      expect(r.status, path).toBe(200);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.body).toContain('<title>Bourse</title>');
    }
    const csp = CONTENT_SECURITY_POLICY;
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"]) {
      expect(csp).toContain(directive);
    }
  });

  it('serves assets with their content types and 404s a missing asset instead of answering HTML', async () => {
    const js = await raw({ port: host.port, path: '/assets/app-1.js' });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    expect((await raw({ port: host.port, path: '/assets/app-1.css' })).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await raw({ port: host.port, path: '/favicon.svg' })).headers['content-type']).toBe('image/svg+xml');
    expect((await raw({ port: host.port, path: '/assets/missing.js' })).status).toBe(404);
    expect((await raw({ port: host.port, path: '/api/nothing' })).status).toBe(404);
    expect((await raw({ port: host.port, method: 'DELETE', path: '/' })).status).toBe(405);
  });
});

function listenerCount(host: Host): number {
  // EventHub keeps its emitter private; counting listeners is the observable proof that a closed stream unsubscribed.
  const hub = host.app.events as unknown as { emitter: { listenerCount(e: string): number } };
  return hub.emitter.listenerCount('event');
}

async function waitUntil(pred: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!pred()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
