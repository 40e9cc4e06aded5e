import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BourseEvent } from '../../shared/contract/index.js';
import { EventHub } from '../../main/events.js';
import { FxRateRepository } from '../../main/market/fx-rates.js';
import type { ProvidersConfig } from '../../main/providers/config.js';
import { clearEcbCache, createProviderRegistry } from '../../main/providers/index.js';
import type { Store } from '../../main/store/data-source.js';
import { openMarketStore } from '../../main/store/market-store.js';
import { inProcessLink } from '../../main/worker/links.js';
import { SyncRunner } from '../../main/worker/sync-runner.js';
import { SyncService } from '../../main/sync/service.js';
import { startFixtureServer } from '../support/fixture-server.js';

type Server = Awaited<ReturnType<typeof startFixtureServer>>;
const EURUSD = { assetClass: 'fx', symbol: 'EUR-USD', base: 'EUR', quote: 'USD' } as const;
const EURGBP = { assetClass: 'fx', symbol: 'EUR-GBP', base: 'EUR', quote: 'GBP' } as const;
const STAGE: Record<string, number> = { queued: 0, running: 1, done: 2, failed: 2, cancelled: 2 };
const config: ProvidersConfig = { fx: [{ id: 'frankfurter', enabled: true }, { id: 'ecb', enabled: true }] };

describe('historical sync: worker runner → main writes, on a real market.db and a fixture HTTP server', () => {
  let server: Server;
  let dir: string;
  let market: Store;
  let events: EventHub;
  let seen: BourseEvent[];
  let services: SyncService[];

  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    server.reset();
    server.clearRequests();
    clearEcbCache();
    dir = mkdtempSync(join(tmpdir(), 'bourse-sync-'));
    market = await openMarketStore(join(dir, 'market.db'));
    events = new EventHub();
    seen = [];
    services = [];
    events.subscribe((e) => seen.push(e));
  });
  afterEach(async () => {
    for (const s of services) await s.close();
    await market.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function service(store = market, opts: { concurrency?: number; timeoutMs?: number } = {}) {
    const registry = createProviderRegistry({ config, env: server.env, timeoutMs: opts.timeoutMs ?? 1000 });
    let runner: SyncRunner | undefined;
    const link = inProcessLink((msg, post) => (runner ??= new SyncRunner(registry, post, opts.concurrency)).handle(msg));
    const svc = new SyncService(store, link, events, () => '2020-03-06');
    services.push(svc);
    return svc;
  }

  const until = async (pred: () => boolean | Promise<boolean>, ms = 10_000) => {
    const end = Date.now() + ms;
    while (!(await pred())) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it('backfills a pair, stores rates as published with their source, and reports progress', async () => {
    const svc = service();
    const [job] = await svc.ensure([{ target: EURUSD, since: '2020-03-02' }]);
    expect(job?.kind).toBe('backfill');
    await until(async () => (await svc.jobs())[0]?.state === 'done');
    const rates = await new FxRateRepository(market).range('EUR', 'USD', '2020-03-01', '2020-03-06', ['frankfurter']);
    expect(rates.map((r) => [r.date, r.rate, r.source])).toEqual([
      ['2020-03-02', '1.1104', 'frankfurter'],
      ['2020-03-03', '1.1162', 'frankfurter'],
      ['2020-03-04', '1.1147', 'frankfurter'],
      ['2020-03-05', '1.1194', 'frankfurter'],
      ['2020-03-06', '1.1336', 'frankfurter'],
    ]);
    const progress = seen.filter((e) => e.event === 'sync:progress').map((e) => e.payload as { state: string; done: number });
    expect(progress.at(-1)).toMatchObject({ state: 'done', done: 1 });
  });

  it('falls through to the next provider and keeps the reason for the sync panel', async () => {
    server.setScenario('frankfurter', 'html');
    const svc = service();
    await svc.ensure([{ target: EURUSD, since: '2020-03-02' }]);
    await until(async () => (await svc.jobs())[0]?.state === 'done');
    const [job] = await svc.jobs();
    expect(job?.provider).toBe('ecb');
    expect(job?.attempts.map((a) => [a.provider, a.outcome, a.reason])).toEqual([
      ['frankfurter', 'failed', 'bad_data'],
      ['ecb', 'ok', undefined],
    ]);
  });

  it('a failing chain marks the job failed with the message and attempts', async () => {
    server.setScenario('frankfurter', 'server_error');
    server.setScenario('ecb', 'server_error');
    const svc = service();
    await svc.ensure([{ target: EURUSD, since: '2020-03-02' }]);
    await until(async () => (await svc.jobs())[0]?.state === 'failed');
    const [job] = await svc.jobs();
    expect(job?.error).toBeTruthy();
    expect(job?.attempts.map((a) => a.outcome)).toEqual(['failed', 'failed']);
  });

  it('is incremental: a second ensure only refreshes the tail, and none when a job is under way', async () => {
    const svc = service();
    await svc.ensure([{ target: EURUSD, since: '2020-03-02' }]);
    expect(await svc.ensure([{ target: EURUSD, since: '2020-03-02' }])).toEqual([]);
    await until(async () => (await svc.jobs())[0]?.state === 'done');
    // Just synced: a re-plan leaves it alone; a forced one (provider change, "Sync now") refreshes the tail.
    expect(await svc.ensure([{ target: EURUSD, since: '2020-03-02' }])).toEqual([]);
    const [refresh] = await svc.ensure([{ target: EURUSD, since: '2020-03-02' }], ['fx']);
    expect(refresh?.kind).toBe('refresh');
    expect(refresh?.chunks).toEqual([{ from: '2020-03-02', to: '2020-03-06' }]);
  });

  it('resumes an interrupted job from its cursor after a restart', async () => {
    // A job planned in two chunks; the first "run" ends before any batch is stored (the process died).
    const first = new SyncService(market, { post: () => undefined, onMessage: () => undefined, close: async () => undefined }, events, () => '2020-03-06');
    await first.ensure([{ target: EURUSD, since: '2019-03-01' }]);
    let [job] = await first.jobs();
    expect(job?.state).toBe('queued');
    expect(job?.totalChunks).toBe(2);
    await market.close();
    market = await openMarketStore(join(dir, 'market.db'));
    const svc = service(market);
    const resumed = await svc.resume();
    expect(resumed.map((j) => j.id)).toEqual([job!.id]);
    await until(async () => (await svc.jobs())[0]?.state === 'done');
    [job] = await svc.jobs();
    expect(job?.doneChunks).toBe(2);
    expect(job?.rows).toBeGreaterThan(0);
  });

  it('cancel stops a job and later batches are not written', async () => {
    server.setScenario('frankfurter', 'timeout');
    server.setScenario('ecb', 'timeout');
    const svc = service();
    const [job] = await svc.ensure([{ target: EURUSD, since: '2020-03-02' }]);
    const cancelled = await svc.cancel(job!.id);
    expect(cancelled?.state).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 50));
    expect((await svc.jobs())[0]?.state).toBe('cancelled');
    expect(await new FxRateRepository(market).bounds('EUR', 'USD')).toEqual({ first: null, last: null });
  });

  it('reports a job forward only: queued, running once the worker takes it (before any batch), each chunk, its end', async () => {
    // The Sync page merges these events with the snapshots that sync:jobs and sync:run answer, which can arrive after
    // later events: it keeps the view furthest along, so main must never send a job backwards.
    server.setScenario('frankfurter', 'normal', { delayMs: 300 });
    const svc = service();
    const [job] = await svc.ensure([{ target: EURUSD, since: '2019-03-01' }]);
    expect(job).toMatchObject({ state: 'queued', totalChunks: 2 });
    await until(async () => (await svc.jobs())[0]?.state !== 'queued');
    // Its first answer is still on its way (Frankfurter is slow): running, not "queued" as if it had not started.
    expect((await svc.jobs())[0]).toMatchObject({ state: 'running', doneChunks: 0 });
    await until(async () => (await svc.jobs())[0]?.state === 'done');
    const progress = seen.filter((e) => e.event === 'sync:progress').map((e) => e.payload as { id: number; state: string; done: number });
    expect(progress.every((p) => p.id === job!.id)).toBe(true);
    expect(progress.slice(0, 2)).toMatchObject([
      { state: 'queued', done: 0 },
      { state: 'running', done: 0 },
    ]);
    expect(progress.at(-1)).toMatchObject({ state: 'done', done: 2 });
    for (let i = 1; i < progress.length; i++) {
      const [a, b] = [progress[i - 1]!, progress[i]!];
      expect(STAGE[b.state]! > STAGE[a.state]! || (STAGE[b.state] === STAGE[a.state] && STAGE[b.state]! < 2 && b.done >= a.done)).toBe(true);
    }
  });

  it('a job stays queued while every request slot is taken, and runs as soon as one is freed', async () => {
    server.setScenario('frankfurter', 'timeout');
    const svc = service(market, { concurrency: 1, timeoutMs: 30_000 });
    const [hung, waiting] = await svc.ensure([
      { target: EURUSD, since: '2020-03-02' },
      { target: EURGBP, since: '2020-03-02' },
    ]);
    const state = async (id: number) => (await svc.jobs()).find((j) => j.id === id)?.state;
    await until(async () => (await state(hung!.id)) === 'running');
    expect(await state(waiting!.id)).toBe('queued');
    server.reset();
    expect((await svc.cancel(hung!.id))?.state).toBe('cancelled');
    // The cancelled request gives its slot back at once: the queued job does not wait for the provider's timeout.
    await until(async () => (await state(waiting!.id)) === 'done', 5_000);
    expect(await state(hung!.id)).toBe('cancelled');
  });
});
