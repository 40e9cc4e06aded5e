import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../../main/host/server.js';
import type { BourseEvent, OrderView } from '../../shared/contract/index.js';
import { key } from '../support/app.js';
import { openEvents } from '../support/sse.js';
import { AAPL, tradingApp, type TradingApp } from '../support/trading.js';

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);
/** What a locked page may hear: its session state and the feed's connection state, nothing about money. */
const PUBLIC = new Set(['session:changed', 'market:feed']);
const PASSWORD = 'correct horse battery';

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const hit = probe();
    if (hit !== undefined) return hit;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The idle lock on the browser host (docs/design.md#security): a real app with the real feed client, a real
 * socket.io feed, the host's SSE stream as the page hears it. The session's clock runs ahead of the wall clock by
 * hand (`skip`), so a minute of idleness takes no minute; prices stay fresh because stocks go stale after 2 minutes.
 */
describe('idle lock with Trade and Portfolio open', () => {
  let t: TradingApp;
  let host: Host;
  let distDir: string;
  let ahead = 0;
  const skip = (ms: number) => void (ahead += ms);
  const raw: BourseEvent[] = [];

  beforeEach(async () => {
    ahead = 0;
    raw.length = 0;
    t = await tradingApp({ now: () => Date.now() + ahead });
    await t.call('instrument:add', AAPL);
    await t.call('wallet:deposit', { currency: 'USD', amount: '1000', idempotencyKey: key() });
    await t.setPrice('AAPL', '100');
    await t.call('settings:update', { idleLockMinutes: 1 });
    distDir = mkdtempSync(join(tmpdir(), 'bourse-idle-dist-'));
    writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>Bourse</title>');
    host = await startHost({ app: t.app, distDir, port: 0, logger: { error: () => undefined } });
    t.app.events.subscribe((e) => raw.push(e));
  });
  afterEach(async () => {
    await host.close();
    await t.close();
    rmSync(distDir, { recursive: true, force: true });
  });

  /** What the Trade and Portfolio pages call with nobody at the keyboard: the quote poll and the tick refetch. */
  const poll = () =>
    Promise.all([
      t.app.dispatch('orders:quote', { symbol: 'AAPL', side: 'buy', type: 'market', quantity: '1' }),
      t.app.dispatch('portfolio:snapshot', {}),
      t.app.dispatch('wallet:list', {}),
    ]);

  it('polling and refetching do not count as activity: the session locks after the idle time', async () => {
    const page = openEvents(host.port, host.token);
    await page.ready;
    for (let s = 0; s < 55; s += 5) {
      skip(5_000);
      expect((await poll()).map(code)).toEqual(['ok', 'ok', 'ok']);
    }
    skip(6_000); // 61 s since sign-in, with a call every 5 s all along
    expect((await poll()).map(code)).toEqual(['LOCKED', 'LOCKED', 'LOCKED']);
    await page.waitFor((e) => e.event === 'session:changed' && e.payload.locked);
    page.close();

    // Real input (the page's session:touch) is what keeps it open.
    await t.call('session:unlock', { password: PASSWORD });
    skip(50_000);
    await t.call('session:touch', {});
    skip(50_000);
    expect((await poll()).map(code)).toEqual(['ok', 'ok', 'ok']);
    skip(11_000);
    expect((await poll()).map(code)).toEqual(['LOCKED', 'LOCKED', 'LOCKED']);
  });

  it('while locked the page hears no balances, orders, holdings or prices; after unlock they are there to read', async () => {
    const limit = await t.call<OrderView>('orders:place', {
      idempotencyKey: key(),
      symbol: 'AAPL',
      side: 'buy',
      type: 'limit',
      quantity: '1',
      limitPrice: '95',
    });
    expect(limit.state).toBe('open');
    const page = openEvents(host.port, host.token);
    await page.ready;
    await t.call('session:lock', {});
    await page.waitFor((e) => e.event === 'session:changed' && e.payload.locked);
    const heardBefore = page.messages.length;
    const rawBefore = raw.length;

    // The price crosses the limit while locked: main fills the order and moves the money as ever …
    const crossed = await until('the fill in main', () => {
      t.feed.publish({ symbol: 'AAPL', price: '90', currency: 'USD', ts: Date.now(), source: 'test' });
      return raw.slice(rawBefore).find((e) => e.event === 'orders:changed' && e.payload.id === limit.id && e.payload.state === 'filled');
    });
    expect(crossed).toBeDefined();
    await until('the holdings change in main', () => raw.slice(rawBefore).find((e) => e.event === 'portfolio:changed'));
    expect(raw.slice(rawBefore).some((e) => e.event === 'market:prices')).toBe(true);
    // … and the page heard none of it (give the stream a moment to deliver anything in flight).
    await new Promise((r) => setTimeout(r, 200));
    const heard = page.messages.slice(heardBefore).map((e) => e.event);
    expect(heard.filter((e) => !PUBLIC.has(e))).toEqual([]);

    await t.call('session:unlock', { password: PASSWORD });
    await page.waitFor((e, i = page.messages.indexOf(e)) => i >= heardBefore && e.event === 'session:changed' && !e.payload.locked);
    expect((await t.call<OrderView>('orders:get', { id: limit.id })).state).toBe('filled');
    // Events flow again once unlocked.
    t.feed.publish({ symbol: 'AAPL', price: '91', currency: 'USD', ts: Date.now(), source: 'test' });
    await page.waitFor((e) => e.event === 'market:prices');
    page.close();
  });
});
