import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFeedServer } from '../feed/server.js';
import { compose } from '../main/compose.js';
import { openConfStore } from '../main/settings/conf-store.js';
import { offlineProviderEnv } from '../test/support/offline-providers.js';
import { inProcessWorker } from '../test/support/worker-app.js';

export const TRADING_PASSWORD = 'bench-password';

export interface TradingProfile {
  /** The data folder (removed by `dispose`). */
  dir: string;
  app: Awaited<ReturnType<typeof compose>>;
  /** `dispatch`, throwing on an error answer. */
  call(channel: string, payload: unknown): Promise<unknown>;
  /** The `seq`-th market order of 1 AAPL: a sell every third, else a buy, keyed by `seq`. */
  marketOrder(seq: number): Promise<{ state: string }>;
  /** Stops the feed and removes the data folder (close `app` first). */
  dispose(): Promise<void>;
}

/**
 * A signed-in profile ready to trade AAPL on the paper venue, for the benchmarks that place orders through `dispatch`
 * (orders.ts, commit-pages.ts): the app composed as the desktop runs it (the worker's handlers in-process), providers
 * unreachable, a real feed server whose AAPL price (200 USD) the orders fill at through the real feed client; order
 * limits lifted, 100,000,000 USD deposited, and resolved once a quote is live.
 */
export async function openTradingProfile(prefix: string): Promise<TradingProfile> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  Object.assign(process.env, offlineProviderEnv());
  const feed = await startFeedServer({ port: 0, mode: 'simulate', symbols: ['AAPL'], seedPrices: { AAPL: { price: '200.00', currency: 'USD' } }, rate: 5 });
  const dispose = async () => {
    await feed.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const app = await compose({
      dataDir: dir,
      settings: openConfStore(dir),
      logger: { error: () => undefined },
      feedUrl: feed.url,
      startWorker: inProcessWorker,
    });
    const call = async (channel: string, payload: unknown) => {
      const r = await app.dispatch(channel, payload);
      if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
      return r.data;
    };
    await call('profile:create', { username: 'bench', password: TRADING_PASSWORD });
    await call('instrument:add', { symbol: 'AAPL', name: 'Apple', assetClass: 'stock', quoteCurrency: 'USD' });
    await call('settings:update', { trading: { ordersPerMinute: 10_000, maxDeviation: '1', maxOrderValueUsd: '0' } });
    await call('wallet:deposit', { currency: 'USD', amount: '100000000', idempotencyKey: 'bench-funding' });
    for (const end = Date.now() + 20_000; ; ) {
      const q = (await call('orders:quote', { symbol: 'AAPL', side: 'buy', type: 'market', quantity: '1' })) as { stale: boolean };
      if (!q.stale) break;
      if (Date.now() > end) throw new Error('no live AAPL price from the feed');
      await new Promise((r) => setTimeout(r, 50));
    }
    const marketOrder = (seq: number) =>
      call('orders:place', { idempotencyKey: `bench-order-${seq}`, symbol: 'AAPL', side: seq % 3 === 0 ? 'sell' : 'buy', type: 'market', quantity: '1' }) as Promise<{ state: string }>;
    return { dir, app, call, marketOrder, dispose };
  } catch (e) {
    await dispose();
    throw e;
  }
}
