import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertFired, AlertView } from '../../shared/contract/index.js';
import { key } from '../support/app.js';
import { AAPL, tradingApp, type TradingApp } from '../support/trading.js';

/**
 * Price alerts on real ticks: a real socket.io feed server, the real worker code (feed client, coalescing) and the
 * app's real event path into main, real SQLite. An alert fires once per crossing, is armed again when the price
 * crosses back, and keeps its state and history across a restart.
 */
let t: TradingApp;
let dir: string;
const fired: AlertFired[] = [];
let unsubscribe: () => void = () => undefined;

function listen(app: TradingApp) {
  unsubscribe();
  unsubscribe = app.app.events.subscribe((e) => {
    if (e.event === 'alerts:fired') fired.push(e.payload);
  });
}

/** Publishes ticks until the app has checked one at `price` (the alert log or list says so), then a little more. */
async function tick(app: TradingApp, price: string): Promise<void> {
  await app.setPrice('AAPL', price);
  // setPrice returns once orders:quote sees the price: the same market:prices batch reached the alerts' queue.
  await app.app.dispatch('alerts:list', {});
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bourse-alerts-'));
  t = await tradingApp({ dir, username: 'trader' });
  await t.call('instrument:add', AAPL);
  listen(t);
  await tick(t, '100');
}, 60_000);

afterAll(async () => {
  unsubscribe();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('price alerts', () => {
  let above: AlertView;

  it('refuses an unknown symbol and a bad threshold, and writes nothing', async () => {
    expect((await t.refused('alerts:create', { symbol: 'NOPE', kind: 'above', threshold: '1', idempotencyKey: key() })).code).toBe('INVALID_INPUT');
    expect((await t.refused('alerts:create', { symbol: 'AAPL', kind: 'above', threshold: '-1', idempotencyKey: key() })).code).toBe('INVALID_INPUT');
    expect((await t.refused('alerts:create', { symbol: 'AAPL', kind: 'move', threshold: '5000', idempotencyKey: key() })).code).toBe('INVALID_INPUT');
    expect(await t.call<AlertView[]>('alerts:list', {})).toEqual([]);
  });

  it('fires once when a tick crosses above, not again while the price stays above', async () => {
    above = await t.call<AlertView>('alerts:create', { symbol: 'AAPL', kind: 'above', threshold: '150', idempotencyKey: key() });
    expect(above).toMatchObject({ symbol: 'AAPL', kind: 'above', threshold: '150', armed: true, lastFiredAt: null });
    await tick(t, '120');
    expect(fired).toHaveLength(0);
    await tick(t, '151.5');
    await tick(t, '160');
    await tick(t, '155');
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ alertId: above.id, symbol: 'AAPL', kind: 'above', threshold: '150', price: '151.5' });
    expect(fired[0]!.message).toContain('151.5');
    const [listed] = await t.call<AlertView[]>('alerts:list', {});
    expect(listed).toMatchObject({ id: above.id, armed: false });
    expect(listed!.lastFiredAt).not.toBeNull();
  });

  it('is armed again when the price crosses back, and fires on the next crossing', async () => {
    await tick(t, '149');
    expect((await t.call<AlertView[]>('alerts:list', {}))[0]).toMatchObject({ armed: true });
    expect(fired).toHaveLength(1);
    await tick(t, '150');
    expect(fired).toHaveLength(2);
    expect(fired[1]).toMatchObject({ price: '150' });
    const history = await t.call<AlertFired[]>('alerts:history', {});
    expect(history.map((h) => h.price)).toEqual(['150', '151.5']);
  });

  it('a below alert fires on its own terms', async () => {
    await t.call('alerts:create', { symbol: 'AAPL', kind: 'below', threshold: '90', idempotencyKey: key() });
    await tick(t, '91');
    expect(fired.filter((f) => f.kind === 'below')).toHaveLength(0);
    await tick(t, '89.99');
    expect(fired.filter((f) => f.kind === 'below')).toMatchObject([{ price: '89.99', threshold: '90' }]);
  });

  it('survives a restart: a disarmed alert stays disarmed, an armed one fires, the history is kept', async () => {
    // Now at 89.99: the above-150 alert is armed, the below-90 one is disarmed.
    unsubscribe();
    await t.close();
    t = await tradingApp({ dir, username: 'trader' });
    listen(t);
    const before = fired.length;
    const listed = await t.call<AlertView[]>('alerts:list', {});
    expect(listed.map((a) => [a.kind, a.armed])).toEqual([
      ['above', true],
      ['below', false],
    ]);
    expect(await t.call<AlertFired[]>('alerts:history', {})).toHaveLength(3);
    await tick(t, '80');
    expect(fired).toHaveLength(before);
    await tick(t, '170');
    expect(fired.slice(before)).toMatchObject([{ kind: 'above', price: '170' }]);
  });

  it('delete removes an alert but keeps its history', async () => {
    const deleted = await t.call<{ deleted: boolean }>('alerts:delete', { id: above.id });
    expect(deleted).toEqual({ deleted: true });
    expect((await t.call<AlertView[]>('alerts:list', {})).map((a) => a.id)).not.toContain(above.id);
    expect((await t.call<AlertFired[]>('alerts:history', {})).filter((h) => h.alertId === above.id)).toHaveLength(3);
  });
});
