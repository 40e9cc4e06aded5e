import { afterEach, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServerOptions } from '../../feed/server.js';
import { FeedClient } from '../../main/worker/feed-client.js';
import type { LastPrice } from '../../main/worker/last-price-store.js';
import {
  freePort,
  startFakeBinance,
  startFakeCoinbase,
  startFakeFrankfurter,
} from '../fixtures/feed/fake-upstreams.js';
import { nextEvent, until } from '../fixtures/feed/wait.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function relay(opts: Partial<FeedServerOptions>) {
  const s = await startFeedServer({ port: 0, mode: 'relay', rate: 50, ...opts });
  cleanups.push(() => s.close());
  const c = new FeedClient({ url: s.url, minUpdateIntervalMs: 0 });
  cleanups.push(() => c.close());
  await c.start();
  return { server: s, client: c };
}

const fast = { initialBackoffMs: 30, maxBackoffMs: 100 };

describe('feed relay mode', () => {
  it('relays Binance trades, Coinbase tickers and Frankfurter rates in their real shapes', async () => {
    const binance = await startFakeBinance();
    const coinbase = await startFakeCoinbase();
    const fx = await startFakeFrankfurter();
    cleanups.push(() => binance.close(), () => coinbase.close(), () => fx.close());
    const { server, client } = await relay({
      upstream: {
        binance: { baseUrl: binance.url, ...fast },
        coinbase: { url: coinbase.url, ...fast },
        frankfurter: { baseUrl: fx.url, pollMs: 60_000 },
      },
    });
    const updates: LastPrice[] = [];
    client.on('update', (p) => updates.push(p));

    const fxTick = nextEvent(client, 'update', (p) => p.symbol === 'EUR-USD');
    await client.subscribe(['BTC-USDT', 'ETH-USD', 'EUR-USD', 'EUR-GBP']);
    const [eurusd] = await fxTick;
    expect(eurusd).toMatchObject({ symbol: 'EUR-USD', price: '1.0723', currency: 'USD', source: 'frankfurter' });
    expect(eurusd.simulated).toBeUndefined();
    // One request per base currency, both quotes in it.
    expect(fx.requests).toEqual(['/latest?base=EUR&symbols=USD,GBP']);

    await until(() => binance.connections.length > 0 && coinbase.subscribed.includes('ETH-USD'));
    expect(binance.connections.at(-1)).toEqual(['btcusdt@trade']);

    const btc = nextEvent(client, 'update', (p) => p.symbol === 'BTC-USDT');
    binance.trade('btcusdt', '65001.50000000', 1_714_651_200_123);
    expect((await btc)[0]).toMatchObject({ price: '65001.50000000', currency: 'USDT', ts: 1_714_651_200_123, source: 'binance' });

    const eth = nextEvent(client, 'update', (p) => p.symbol === 'ETH-USD');
    coinbase.ticker('ETH-USD', '3201.17', new Date('2024-05-02T12:00:00.250Z'));
    expect((await eth)[0]).toMatchObject({ price: '3201.17', currency: 'USD', ts: Date.parse('2024-05-02T12:00:00.250Z'), source: 'coinbase' });

    // Junk from an upstream is counted, never relayed.
    const before = server.stats().malformed;
    binance.raw('{"stream":"btcusdt@trade","data":{"e":"trade","s":"BTCUSDT","p":1.5}}');
    binance.raw('not json');
    const next = nextEvent(client, 'update', (p) => p.symbol === 'BTC-USDT');
    binance.trade('btcusdt', '65002.00000000');
    await next;
    expect(server.stats().malformed - before).toBe(2);
    expect(updates.every((u) => !u.simulated)).toBe(true);
    expect(client.feedStatuses().find((s) => s.source === 'binance')?.state).toBe('live');
  });

  it('accepts miniTicker streams and takes upstream URLs from the environment', async () => {
    const binance = await startFakeBinance();
    cleanups.push(() => binance.close());
    process.env.BOURSE_BINANCE_WS_URL = binance.url;
    cleanups.push(() => void delete process.env.BOURSE_BINANCE_WS_URL);
    const { client } = await relay({ upstream: { binance: { stream: 'miniTicker', ...fast } }, fallbackToSimulate: false });
    await client.subscribe(['ETH-BTC']);
    await until(() => binance.connections.length > 0);
    expect(binance.connections[0]).toEqual(['ethbtc@miniTicker']);
    const got = nextEvent(client, 'update', (p) => p.symbol === 'ETH-BTC');
    binance.miniTicker('ethbtc', '0.05123000', 1_714_651_200_000);
    expect((await got)[0]).toMatchObject({ price: '0.05123000', currency: 'BTC', ts: 1_714_651_200_000, source: 'binance' });
  });

  it('falls back to simulated ticks while an upstream is down, and back to real ones when it returns', async () => {
    const port = await freePort();
    const fx = await startFakeFrankfurter();
    fx.failing = true;
    cleanups.push(() => fx.close());
    const { client } = await relay({
      seedPrices: { 'BTC-USDT': { price: '64000.00', currency: 'USDT' }, 'EUR-USD': { price: '1.0800', currency: 'USD' } },
      upstream: {
        binance: { baseUrl: `ws://127.0.0.1:${port}`, ...fast },
        frankfurter: { baseUrl: fx.url, retryMs: 30, pollMs: 60_000 },
      },
    });
    const binanceDown = nextEvent(client, 'status', (s) => s.source === 'binance' && s.state === 'down');
    const fxDown = nextEvent(client, 'status', (s) => s.source === 'frankfurter' && s.state === 'down');
    const simulatedBtc = nextEvent(client, 'update', (p) => p.symbol === 'BTC-USDT');
    const simulatedFx = nextEvent(client, 'update', (p) => p.symbol === 'EUR-USD');
    await client.subscribe(['BTC-USDT', 'EUR-USD']);
    await Promise.all([binanceDown, fxDown]);
    const [btc] = await simulatedBtc;
    expect(btc).toMatchObject({ simulated: true, source: 'simulate', currency: 'USDT' });
    expect((await simulatedFx)[0]).toMatchObject({ simulated: true, source: 'simulate' });
    expect(client.feedStatuses().find((s) => s.source === 'simulate')?.state).toBe('live');

    // The upstream comes back on its port: the relay reconnects (backoff) and real prices replace simulated ones.
    const binance = await startFakeBinance(port);
    cleanups.push(() => binance.close());
    const realFx = nextEvent(client, 'update', (p) => p.symbol === 'EUR-USD' && !p.simulated, 5000);
    fx.failing = false;
    await until(() => binance.connections.length > 0, 5000);
    const real = nextEvent(client, 'update', (p) => p.symbol === 'BTC-USDT' && !p.simulated);
    binance.trade('btcusdt', '64100.00000000');
    expect((await real)[0]).toMatchObject({ price: '64100.00000000', source: 'binance' });
    expect((await realFx)[0]).toMatchObject({ price: '1.0723', source: 'frankfurter' });
  });
});
