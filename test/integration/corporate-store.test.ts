import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../feed/server.js';
import type { App } from '../../main/compose.js';
import type { BourseApi } from '../../shared/contract/index.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { positionsIn } from '../support/profile-rows.js';
import { callerOf, composeWithWorker, setEnv } from '../support/worker-app.js';

/**
 * The renderer's corporate store against the real app, wired as Electron's preload wires it (`window.bourse` forwards
 * calls to dispatch and main's events to the page): a sync against the loopback Yahoo fixture (AAPL 4-for-1 on
 * 2020-08-31) raises `corporate:proposals`, on which the store reads the list again by itself; a confirmation whose
 * answer is lost is sent again with the same key, so the split is recorded once.
 */
const bridge = {
  app: null as App | null,
  lose: null as string | null,
  sent: [] as { channel: string; payload: Record<string, unknown> }[],
  listeners: new Map<string, Set<(payload: unknown) => void>>(),
};
(globalThis as { bourse?: unknown }).bourse = {
  async invoke(channel: string, payload: Record<string, unknown>) {
    bridge.sent.push({ channel, payload });
    const answer = await bridge.app!.dispatch(channel, payload);
    if (bridge.lose === channel) {
      bridge.lose = null;
      throw new Error('connection reset');
    }
    return answer;
  },
  on(event: string, cb: (payload: unknown) => void) {
    const set = bridge.listeners.get(event) ?? new Set();
    set.add(cb);
    bridge.listeners.set(event, set);
    return () => set.delete(cb);
  },
} as unknown as BourseApi;
const { useCorporate } = await import('../../renderer/src/stores/corporate.js');

describe('the corporate store against the app', { timeout: 60_000 }, () => {
  let fixture: FixtureServer;
  let feed: FeedServer;
  let dir: string;
  let restoreEnv: (() => void) | undefined;
  let k = 0;
  const key = () => `corporate-store-${process.pid}-${++k}`;

  beforeAll(async () => {
    fixture = await startFixtureServer();
    fixture.setScenario('yahoo', 'splits');
    restoreEnv = setEnv(fixture.env);
    feed = await startFeedServer({ port: 0, mode: 'simulate', symbols: [], seedPrices: {}, rate: 1 });
    dir = mkdtempSync(join(tmpdir(), 'bourse-corporate-store-'));
    bridge.app = await composeWithWorker(dir, { today: () => '2020-09-02', feedUrl: feed.url });
    bridge.app.events.subscribe((e) => {
      for (const cb of bridge.listeners.get(e.event) ?? []) cb(e.payload);
    });
    await call('profile:create', { username: 'cora', password: 'correct horse' });
    await call('instrument:add', { symbol: 'AAPL', name: 'Apple Inc.', assetClass: 'stock', quoteCurrency: 'USD' });
    await call('activity:record', { type: 'deposit', currency: 'USD', amount: '10000', date: '2020-08-03', idempotencyKey: key() });
    await call('activity:record', { type: 'buy', symbol: 'AAPL', quantity: '10', price: '400', date: '2020-08-03', idempotencyKey: key() });
  }, 60_000);

  afterAll(async () => {
    await bridge.app?.close();
    await feed?.close();
    await fixture?.close();
    restoreEnv?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const call = callerOf(() => bridge.app!);
  const positions = () => positionsIn(dir);

  it('reads the proposals again when main says new ones arrived, without being asked', async () => {
    await useCorporate.getState().load();
    expect(useCorporate.getState()).toMatchObject({ proposals: [], loaded: true });
    bridge.sent = [];
    await call('sync:run', {});
    // Only the event can bring it: nothing here calls load() again.
    await expect.poll(() => useCorporate.getState().proposals.map((p) => `${p.symbol} ${p.date} ${p.numerator}:${p.denominator} ${p.provider}`), { timeout: 30_000 }).toEqual([
      'AAPL 2020-08-31 4:1 yahoo',
    ]);
    expect(bridge.sent.filter((s) => s.channel === 'corporate:proposals').length).toBeGreaterThan(0);
    expect(positions()).toEqual(['main AAPL 10']);
  });

  it('sends a confirmation whose answer was lost again with the same key: the holding is split once', async () => {
    const [p] = useCorporate.getState().proposals;
    bridge.sent = [];
    bridge.lose = 'corporate:confirm';
    const lost = await useCorporate.getState().confirm(p!.id);
    expect(lost.ok ? 'ok' : lost.error.code).toBe('NETWORK');
    expect(positions()).toEqual(['main AAPL 40']); // it ran in main all the same

    const retried = await useCorporate.getState().confirm(p!.id);
    expect(retried.ok ? [retried.data.proposal.state, retried.data.activity.type] : retried.error.code).toEqual(['confirmed', 'split']);
    expect(positions()).toEqual(['main AAPL 40']);
    const keys = bridge.sent.filter((s) => s.channel === 'corporate:confirm').map((s) => s.payload.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    await expect.poll(() => useCorporate.getState().proposals).toEqual([]);

    // Answered: the same proposal confirmed again is a new request, refused as decided.
    const again = await useCorporate.getState().confirm(p!.id);
    expect(again.ok ? 'ok' : again.error.code).toBe('INVALID_INPUT');
    expect(new Set(bridge.sent.filter((s) => s.channel === 'corporate:confirm').map((s) => s.payload.idempotencyKey)).size).toBe(2);
    expect(positions()).toEqual(['main AAPL 40']);
  });

  it('forgets everything on reset (another profile signs in)', () => {
    useCorporate.getState().reset();
    expect(useCorporate.getState()).toMatchObject({ proposals: [], loaded: false, error: null, deciding: null });
  });
});
