import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFeedServer, type FeedServer } from '../../feed/server.js';
import { compose, type App } from '../../main/compose.js';
import type { ProvidersConfig } from '../../main/providers/config.js';
import { openConfStore } from '../../main/settings/conf-store.js';
import { inProcessLink } from '../../main/worker/links.js';
import type { ToWorker } from '../../main/worker/messages.js';
import { workerHandlers } from '../../main/worker/handlers.js';
import { offlineProviderEnv } from './offline-providers.js';

export interface TradingApp {
  app: App;
  dir: string;
  feed: FeedServer;
  call<T>(channel: string, payload: unknown): Promise<T>;
  /** The error of a refused call (throws if the call succeeded). */
  refused(channel: string, payload: unknown): Promise<{ code: string; message: string; details?: Record<string, unknown> }>;
  /** Publishes a price on the real feed server and waits until the app quotes it, fresh. */
  setPrice(symbol: string, price: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real app for trading tests: real SQLite files, the real worker code on this thread, and a real socket.io feed
 * server that sends only the prices a test publishes (no simulator seeds). Every network provider points at a
 * closed loopback port, so sync fails fast and only what a test writes is in the market store.
 */
export async function tradingApp(opts: { dir?: string; username?: string; now?: () => number } = {}): Promise<TradingApp> {
  const saved = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(offlineProviderEnv())) {
    saved.set(k, process.env[k]);
    process.env[k] = v;
  }
  const feed = await startFeedServer({ port: 0, mode: 'simulate', symbols: [], seedPrices: {}, rate: 1 });
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'bourse-trading-'));
  const app = await compose({
    dataDir: dir,
    settings: openConfStore(dir),
    scryptCost: 1024,
    logger: { error: () => undefined },
    feedUrl: feed.url,
    ...(opts.now ? { now: opts.now } : {}),
    startWorker: (providers: ProvidersConfig) => {
      let handle: ((m: ToWorker) => void) | undefined;
      return inProcessLink((msg, post) => (handle ??= workerHandlers(providers, post))(msg));
    },
  });
  const call = async <T>(channel: string, payload: unknown): Promise<T> => {
    const r = await app.dispatch(channel, payload);
    if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
    return r.data as T;
  };
  const refused = async (channel: string, payload: unknown) => {
    const r = await app.dispatch(channel, payload);
    if (r.ok) throw new Error(`${channel} was expected to be refused, got ${JSON.stringify(r.data)}`);
    return r.error;
  };
  const setPrice = async (symbol: string, price: string) => {
    feed.publish({ symbol, price, currency: 'USD', ts: Date.now(), source: 'test' });
    const end = Date.now() + 10_000;
    for (;;) {
      const q = await app.dispatch('orders:quote', { symbol, side: 'buy', type: 'market', quantity: '1' });
      if (q.ok && (q.data as { price: string | null; stale: boolean }).price === price && !(q.data as { stale: boolean }).stale) return;
      if (Date.now() > end) throw new Error(`price ${symbol} ${price} never reached the app: ${JSON.stringify(q)}`);
      // Re-publish now and then: the feed client may subscribe after the first tick went out.
      feed.publish({ symbol, price, currency: 'USD', ts: Date.now(), source: 'test' });
      await new Promise((r) => setTimeout(r, 30));
    }
  };
  if (opts.username !== undefined || !opts.dir) {
    const username = opts.username ?? 'trader';
    const login = await app.dispatch('profile:login', { username, password: 'correct horse battery' });
    if (!login.ok) await call('profile:create', { username, password: 'correct horse battery' });
  }
  return {
    app,
    dir,
    feed,
    call,
    refused,
    setPrice,
    async close() {
      await app.close();
      await feed.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
}

export const AAPL = { symbol: 'AAPL', name: 'Apple Inc.', assetClass: 'stock', quoteCurrency: 'USD' } as const;
export const BTC = { symbol: 'BTC-USD', name: 'Bitcoin', assetClass: 'crypto', quoteCurrency: 'USD' } as const;
