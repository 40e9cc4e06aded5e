import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../feed/server.js';
import type { App } from '../../main/compose.js';
import type { BourseApi, SyncJobView } from '../../shared/contract/index.js';
import { clearEcbCache } from '../../main/providers/index.js';
import { startFixtureServer } from '../support/fixture-server.js';
import { callerOf, composeWithWorker, setEnv, until } from '../support/worker-app.js';

/**
 * The renderer's sync store (the Sync page's state) wired to the app under test the way Electron's preload wires it:
 * `window.bourse` forwards calls to dispatch and delivers events at once. `hold` can keep a call's answer back after
 * main handled it, as a busy renderer or a slow answer does, while events keep arriving: the order in which a
 * snapshot answered by main can reach the page after the progress events that followed it.
 */
const bridge = {
  app: null as App | null,
  hold: async (_channel: string, _answer: unknown): Promise<void> => undefined,
  listeners: new Map<string, Set<(payload: unknown) => void>>(),
};
(globalThis as { bourse?: unknown }).bourse = {
  async invoke(channel: string, payload: unknown) {
    const answer = await bridge.app!.dispatch(channel, payload);
    await bridge.hold(channel, answer);
    return answer;
  },
  on(event: string, cb: (payload: unknown) => void) {
    const set = bridge.listeners.get(event) ?? new Set();
    bridge.listeners.set(event, set.add(cb));
    return () => void set.delete(cb);
  },
} as unknown as BourseApi;
const ui = {
  ...(await import('../../renderer/src/stores/sync.js')),
  ...(await import('../../renderer/src/api/client.js')),
};


type Fixture = Awaited<ReturnType<typeof startFixtureServer>>;

/**
 * The whole market-data path through dispatch: a real fixture HTTP server in the providers' shapes, the real worker
 * code (sync runner and feed client, on this thread), a real socket.io feed server, and real SQLite files.
 */
describe('market data through dispatch', () => {
  let fixture: Fixture;
  let feed: FeedServer;
  let feedPort: number;
  let dir: string;
  let app: App;
  let restoreEnv: () => void;

  beforeAll(async () => {
    fixture = await startFixtureServer();
    restoreEnv = setEnv(fixture.env);
  });
  afterAll(async () => {
    restoreEnv();
    await fixture.close();
  });
  beforeEach(async () => {
    fixture.reset();
    clearEcbCache();
    feed = await startFeedServer({ port: 0, mode: 'simulate', rate: 50 });
    feedPort = feed.port;
    dir = mkdtempSync(join(tmpdir(), 'bourse-market-'));
    app = await composeWithWorker(dir, { today: () => '2020-03-07', feedUrl: feed.url });
    bridge.app = app;
    bridge.hold = async () => undefined;
    app.events.subscribe((e) => bridge.listeners.get(e.event)?.forEach((cb) => cb(e.payload)));
    ui.useSync.getState().reset();
  });
  afterEach(async () => {
    await app.close();
    await feed.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = callerOf(() => app);
  type Job = { state: string; symbol: string; provider: string | null };
  const jobsSettled = () => until(() => call<Job[]>('sync:jobs', {}), (js) => js.length > 0 && js.every((j) => j.state === 'done' || j.state === 'failed'));

  it('syncs the pairs in use, converts at the date asked, and follows the user’s provider order', async () => {
    await call('profile:create', { username: 'ana', password: 'correct horse' });
    await call('wallet:deposit', { currency: 'EUR', amount: '100', idempotencyKey: 'deposit-eur-1' });
    const jobs = await jobsSettled();
    expect(jobs.find((j) => j.symbol === 'EUR-USD')).toMatchObject({ state: 'done', provider: 'frankfurter' });

    const c = await call<{ result: string; rate: string; publishedDate: string; source: string; filled: boolean }>('fx:convert', {
      amount: '100',
      from: 'EUR',
      to: 'USD',
      date: '2020-03-04',
    });
    expect(c).toMatchObject({ result: '111.47', rate: '1.1147', publishedDate: '2020-03-04', source: 'frankfurter', filled: false });

    const weekend = await call<{ rate: string; publishedDate: string; filled: boolean }>('fx:rate', { from: 'EUR', to: 'USD', date: '2020-03-07' });
    expect(weekend).toMatchObject({ rate: '1.1336', publishedDate: '2020-03-06', filled: true });

    const back = await call<{ rate: string; path: string[] }>('fx:rate', { from: 'USD', to: 'EUR', date: '2020-03-04' });
    expect(back.path).toEqual(['EUR-USD⁻¹']);

    // Put ECB first: a refresh runs through it and the next conversion comes from ECB.
    const list = await call<{ fx: { id: string }[] }>('providers:list', {});
    const order = list.fx.map((p) => p.id).filter((id) => id !== 'ecb');
    await call('providers:update', { assetClass: 'fx', order: ['ecb', ...order] });
    await until(() => call<Job[]>('sync:jobs', {}), (js) => js.some((j) => j.provider === 'ecb' && j.state === 'done'));
    const viaEcb = await call<{ source: string; rate: string }>('fx:convert', { amount: '100', from: 'EUR', to: 'USD', date: '2020-03-04' });
    expect(viaEcb).toMatchObject({ source: 'ecb', rate: '1.1147' });

    // The chart carries Friday over the weekend inside the data, but never past the last publication (Friday).
    const series = await call<{ points: { date: string; filled: boolean }[] }>('fx:series', { from: 'EUR', to: 'USD', range: '1M' });
    expect(series.points.at(-1)).toMatchObject({ date: '2020-03-06', filled: false });
    expect(series.points.find((p) => p.date === '2020-03-01')).toMatchObject({ filled: true });
  });

  it('shows live feed prices, marks them stale when the feed stops and live when it returns', async () => {
    await call('profile:create', { username: 'ben', password: 'correct horse' });
    await call('wallet:deposit', { currency: 'EUR', amount: '5', idempotencyKey: 'deposit-eur-2' });
    type W = { prices: { symbol: string; price: string | null; stale: boolean; simulated: boolean }[]; feed: { connected: boolean } };
    const live = await until(() => call<W>('market:watchlist', {}), (w) => w.prices.some((p) => p.symbol === 'EUR-USD' && p.price !== null && !p.stale));
    expect(live.prices[0]).toMatchObject({ symbol: 'EUR-USD', simulated: true });
    expect(live.feed.connected).toBe(true);

    await feed.close();
    await until(() => call<W>('market:watchlist', {}), (w) => w.prices[0]?.stale === true && !w.feed.connected);

    feed = await startFeedServer({ port: feedPort, mode: 'simulate', rate: 50 });
    await until(() => call<W>('market:watchlist', {}), (w) => w.prices[0]?.stale === false && w.feed.connected, 20_000);
  });

  it('switches to the feed server chosen in Settings and remembers it', async () => {
    await call('profile:create', { username: 'cy', password: 'correct horse' });
    await call('wallet:deposit', { currency: 'EUR', amount: '5', idempotencyKey: 'deposit-eur-3' });
    const other = await startFeedServer({ port: 0, mode: 'simulate', rate: 50 });
    try {
      const state = await call<{ url: string }>('feed:configure', { url: other.url });
      expect(state.url).toBe(other.url);
      type W = { prices: { price: string | null; stale: boolean }[]; feed: { url: string; connected: boolean } };
      await until(() => call<W>('market:watchlist', {}), (w) => w.feed.url === other.url && w.feed.connected && w.prices[0]?.stale === false);
      const bad = await app.dispatch('feed:configure', { url: 'file:///etc/passwd' });
      expect(!bad.ok && bad.error.code).toBe('INVALID_INPUT');
    } finally {
      await other.close();
    }
  });

  it('keeps a catalogue: a currency in use cannot be removed, bad codes and duplicates are refused', async () => {
    await call('profile:create', { username: 'cat', password: 'correct horse' });
    await call('wallet:deposit', { currency: 'CHF', amount: '5', idempotencyKey: 'deposit-chf-1' });
    const inUse = await app.dispatch('currency:remove', { code: 'CHF' });
    expect(!inUse.ok && inUse.error.code).toBe('IN_USE');
    const bad = await app.dispatch('currency:add', { code: 'usd', name: 'x', minorUnit: 2 });
    expect(!bad.ok && bad.error.code).toBe('INVALID_INPUT');
    const dup = await app.dispatch('currency:add', { code: 'USD', name: 'x', minorUnit: 2 });
    expect(!dup.ok && dup.error.code).toBe('DUPLICATE');
    await call('instrument:add', { symbol: 'AAPL', name: 'Apple', assetClass: 'stock', quoteCurrency: 'USD' });
    const twice = await app.dispatch('instrument:add', { symbol: 'AAPL', name: 'Apple', assetClass: 'stock', quoteCurrency: 'USD' });
    expect(!twice.ok && twice.error.code).toBe('DUPLICATE');
    const imported = await call<{ rows: number; from: string; to: string }>('bars:import', {
      symbol: 'AAPL',
      csv: 'Date,Open,High,Low,Close,Volume\n2024-01-03,184.22,185.88,183.43,184.25,58414500\n2024-01-02,187.15,188.44,183.89,185.64,82488700\n',
    });
    expect(imported).toEqual({ rows: 2, from: '2024-01-02', to: '2024-01-03' });
    const badCsv = await app.dispatch('bars:import', { symbol: 'AAPL', csv: 'date,close\n2024-01-02,abc\n' });
    expect(!badCsv.ok && badCsv.error.message).toContain('line 2');
    const currencies = await call<{ code: string }[]>('currency:list', {});
    expect(currencies.find((c) => c.code === 'CHF')).toMatchObject({ inUse: true });
  });

  describe('the sync panel shows what main did, whatever arrives first', () => {
    const FINAL = new Set(['done', 'failed', 'cancelled']);
    const shown = (id: number) => ui.useSync.getState().jobs.find((j) => j.id === id);
    const view = (jobs: readonly SyncJobView[]) => jobs.map((j) => ({ id: j.id, state: j.state, done: j.done }));
    const settled = async () => {
      await call('profile:create', { username: 'dee', password: 'correct horse' });
      await call('wallet:deposit', { currency: 'EUR', amount: '5', idempotencyKey: 'deposit-eur-4' });
      await jobsSettled();
      await ui.useSync.getState().load();
    };

    it('Sync now: a job that ends before the answer comes is shown ended, not queued again', async () => {
      await settled();
      // The answer is held until main has finished every job it started and the store has had their last events.
      bridge.hold = async (channel, answer) => {
        if (channel !== 'sync:run') return;
        const ids = (answer as { data: SyncJobView[] }).data.map((j) => j.id);
        await until(async () => ids.map(shown), (js) => js.every((j) => j !== undefined && FINAL.has(j.state)));
      };
      const r = await ui.call('sync:run', {});
      if (!r.ok) throw new Error(r.error.message);
      // The answer is the jobs as they were planned...
      expect(r.data.map((j) => [j.symbol, j.state])).toEqual([['EUR-USD', 'queued']]);
      // ...and the Sync page puts it in the store when it comes: the job it already saw end must stay ended.
      ui.useSync.getState().upsert(r.data);
      expect(view(ui.useSync.getState().jobs)).toEqual(view(await call<SyncJobView[]>('sync:jobs', {})));
      expect(shown(r.data[0]!.id)?.state).toBe('done');
    });

    it('the job list read while a job was under way does not undo the events that came after it', async () => {
      await settled();
      fixture.setScenario('frankfurter', 'normal', { delayMs: 1_000 });
      const [job] = await call<SyncJobView[]>('sync:run', {});
      await until(async () => shown(job!.id), (j) => j !== undefined);
      let snapshot: SyncJobView | undefined;
      bridge.hold = async (channel, answer) => {
        if (channel !== 'sync:jobs') return;
        snapshot = (answer as { data: SyncJobView[] }).data.find((j) => j.id === job!.id);
        await until(async () => shown(job!.id), (j) => j !== undefined && FINAL.has(j.state));
      };
      await ui.useSync.getState().load();
      // The list was read while Frankfurter was still answering; the job ended before the list reached the store.
      expect(snapshot && FINAL.has(snapshot.state)).toBe(false);
      expect(shown(job!.id)).toMatchObject({ state: 'done', done: 1, provider: 'frankfurter' });
      expect(view(ui.useSync.getState().jobs)).toEqual(view(await call<SyncJobView[]>('sync:jobs', {})));
    });
  });
});
