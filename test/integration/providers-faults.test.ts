import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ALL_ADAPTERS,
  clearEcbCache,
  ProviderError,
  type MarketTarget,
  type ProviderAdapter,
  type ProviderContext,
  type ProviderErrorKind,
} from '../../main/providers/index.js';
import { startFixtureServer, type FixtureProvider, type FixtureServer } from '../support/fixture-server.js';

/** Every fault scenario of the fixture server, through every HTTP adapter, must land in the right error kind. */
let server: FixtureServer;
const NOW = Date.parse('2020-03-07T12:00:00Z');

beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
  server.clearRequests();
  clearEcbCache();
});

const TARGETS: Record<string, MarketTarget> = {
  fx: { assetClass: 'fx', symbol: 'EUR-USD' },
  crypto: { assetClass: 'crypto', symbol: 'BTC-USD' },
  stock: { assetClass: 'stock', symbol: 'AAPL', quote: 'USD' },
};
const HTTP_ADAPTERS = ALL_ADAPTERS.filter((a) => a.id !== 'bundled');

function ctx(a: ProviderAdapter, timeoutMs = 2000): ProviderContext {
  return { baseUrl: server.baseUrls[a.id as FixtureProvider], apiKey: 'test-key', fetch, timeoutMs, now: () => NOW };
}

async function failure(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ProviderError);
    return e as ProviderError;
  }
  throw new Error('expected a ProviderError, got data');
}

function history(a: ProviderAdapter, c = ctx(a)) {
  return a.dailyHistory(TARGETS[a.assetClasses[0]!]!, '2020-03-02', '2020-03-03', c);
}

describe.each(HTTP_ADAPTERS.map((a) => [a.id, a] as const))('%s faults', (id, adapter) => {
  it('HTTP 429 with Retry-After seconds → rate_limited with the wait', async () => {
    server.setScenario(id as FixtureProvider, 'rate_limited', { retryAfter: '7' });
    const e = await failure(history(adapter));
    expect(e.kind).toBe('rate_limited');
    expect(e.retryAfterMs).toBe(7000);
  });

  it('Retry-After as an HTTP-date is measured from the injected clock', async () => {
    server.setScenario(id as FixtureProvider, 'rate_limited', { retryAfter: new Date(NOW + 90_000).toUTCString() });
    const e = await failure(history(adapter));
    expect(e.kind).toBe('rate_limited');
    expect(e.retryAfterMs).toBe(90_000);
  });

  it('an HTML page instead of data → bad_data', async () => {
    server.setScenario(id as FixtureProvider, 'html');
    const e = await failure(history(adapter));
    expect(e.kind).toBe('bad_data');
  });

  it('a hang beyond the client timeout → transient', async () => {
    server.setScenario(id as FixtureProvider, 'timeout');
    const started = Date.now();
    const e = await failure(history(adapter, ctx(adapter, 300)));
    expect(e.kind).toBe('transient');
    expect(e.message).toMatch(/300 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('HTTP 503 → transient', async () => {
    server.setScenario(id as FixtureProvider, 'server_error');
    expect((await failure(history(adapter))).kind).toBe('transient');
  });

  it('a body of the wrong shape → bad_data', async () => {
    server.setScenario(id as FixtureProvider, 'wrong_shape');
    expect((await failure(history(adapter))).kind).toBe('bad_data');
  });
});

describe('unknown symbols → not_found', () => {
  const cases: Array<[FixtureProvider, MarketTarget, 'history' | 'latest']> = [
    ['frankfurter', { assetClass: 'fx', symbol: 'EUR-XXX' }, 'history'],
    ['open-exchange-rates', { assetClass: 'fx', symbol: 'EUR-XXX' }, 'history'],
    ['currency-beacon', { assetClass: 'fx', symbol: 'EUR-XXX' }, 'history'],
    ['binance', { assetClass: 'crypto', symbol: 'NOPE-USD' }, 'history'],
    ['coingecko', { assetClass: 'crypto', symbol: 'NOPE-USD', providerSymbols: { coingecko: 'nope' } }, 'history'],
    ['coingecko', { assetClass: 'crypto', symbol: 'NOPE-USD', providerSymbols: { coingecko: 'nope' } }, 'latest'],
    ['coinbase', { assetClass: 'crypto', symbol: 'NOPE-USD' }, 'history'],
    ['yahoo', { assetClass: 'stock', symbol: 'NOPE' }, 'history'],
    ['alpha-vantage', { assetClass: 'stock', symbol: 'NOPE' }, 'history'],
    ['finnhub', { assetClass: 'stock', symbol: 'NOPE' }, 'history'],
    ['finnhub', { assetClass: 'stock', symbol: 'NOPE' }, 'latest'],
  ];
  it.each(cases)('%s %o (%s)', async (id, target, endpoint) => {
    server.setScenario(id, 'unknown_symbol');
    const a = ALL_ADAPTERS.find((x) => x.id === id)!;
    const p = endpoint === 'history' ? a.dailyHistory(target, '2020-03-02', '2020-03-03', ctx(a)) : a.latest(target, ctx(a));
    expect((await failure(p)).kind).toBe('not_found');
  });

  it('ecb: a currency the ECB does not publish', async () => {
    const a = ALL_ADAPTERS.find((x) => x.id === 'ecb')!;
    expect((await failure(a.dailyHistory({ assetClass: 'fx', symbol: 'EUR-XXX' }, '2020-03-02', '2020-03-03', ctx(a)))).kind).toBe('not_found');
  });
});

describe('HTTP 200 bodies that are really errors', () => {
  const cases: Array<[FixtureProvider, string, ProviderErrorKind, number | undefined]> = [
    ['alpha-vantage', 'throttle_body', 'rate_limited', 60_000], // {"Note": "...5 calls per minute..."}
    ['alpha-vantage', 'information', 'rate_limited', 3_600_000], // {"Information": "...25 requests per day..."}
    ['alpha-vantage', 'premium', 'auth', undefined], // {"Information": "...premium endpoint..."}
    ['open-exchange-rates', 'throttle_body', 'rate_limited', undefined], // {"error":true,"status":429,...} with HTTP 200
    ['currency-beacon', 'throttle_body', 'rate_limited', undefined], // {"success":false,"error":{"code":106,...}}
  ];
  it.each(cases)('%s %s → %s', async (id, scenario, kind, retryAfterMs) => {
    server.setScenario(id, scenario);
    const a = ALL_ADAPTERS.find((x) => x.id === id)!;
    const e = await failure(history(a));
    expect(e.kind).toBe(kind);
    expect(e.retryAfterMs).toBe(retryAfterMs);
  });
});

describe('auth failures', () => {
  it.each(['open-exchange-rates', 'currency-beacon', 'finnhub'] as const)('%s → auth', async (id) => {
    server.setScenario(id, 'auth');
    const a = ALL_ADAPTERS.find((x) => x.id === id)!;
    expect((await failure(history(a))).kind).toBe('auth');
  });
});

describe('network failure', () => {
  it('a closed port → transient', async () => {
    const a = ALL_ADAPTERS.find((x) => x.id === 'frankfurter')!;
    const e = await failure(a.dailyHistory(TARGETS.fx!, '2020-03-02', '2020-03-03', { ...ctx(a), baseUrl: 'http://127.0.0.1:1' }));
    expect(e.kind).toBe('transient');
    expect(e.message).toMatch(/network error/);
  });

  it("the caller's cancellation is rethrown, not classified", async () => {
    server.setScenario('frankfurter', 'timeout');
    const a = ALL_ADAPTERS.find((x) => x.id === 'frankfurter')!;
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('job cancelled')), 100);
    await expect(a.dailyHistory(TARGETS.fx!, '2020-03-02', '2020-03-03', { ...ctx(a), signal: ac.signal })).rejects.toThrow('job cancelled');
  });
});
