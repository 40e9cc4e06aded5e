import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { alphaVantage, finnhub, yahoo, type ProviderContext } from '../../main/providers/index.js';
import { ProviderRegistry } from '../../main/providers/registry.js';
import { splitOfCoefficient } from '../../main/providers/splits.js';
import { ALL_ADAPTERS } from '../../main/providers/index.js';
import { startFixtureServer, type FixtureProvider, type FixtureServer } from '../support/fixture-server.js';

/**
 * The splits each stock provider publishes, from a loopback server answering in the provider's own shape
 * (test/fixtures/providers/<provider>/splits/): Yahoo's chart events, Alpha Vantage's adjusted daily series and
 * Finnhub's /stock/split. AAPL split 7-for-1 on 2014-06-09 and 4-for-1 on 2020-08-31.
 */
let server: FixtureServer;
const NOW = Date.parse('2020-09-03T12:00:00Z');
const AAPL = { assetClass: 'stock', symbol: 'AAPL', quote: 'USD' } as const;
const BOTH = [
  { date: '2014-06-09', numerator: '7', denominator: '1' },
  { date: '2020-08-31', numerator: '4', denominator: '1' },
];

function ctx(p: FixtureProvider, apiKey?: string): ProviderContext {
  return { baseUrl: server.baseUrls[p], apiKey, fetch, timeoutMs: 2000, now: () => NOW };
}

beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
  server.clearRequests();
  for (const p of ['yahoo', 'finnhub', 'alpha-vantage'] as const) server.setScenario(p, 'splits');
});

describe('split events', () => {
  it('yahoo: the chart events, each on its exchange day', async () => {
    expect(await yahoo.splits!(AAPL, '2010-01-01', '2020-09-02', ctx('yahoo'))).toEqual(BOTH);
    const r = server.requestsFor('yahoo')[0]!;
    expect(r.path).toBe('/yahoo/v8/finance/chart/AAPL');
    expect(r.query).toMatchObject({ events: 'split', interval: '1mo', period1: String(Date.parse('2010-01-01') / 1000) });
    // Only those in the range asked.
    expect(await yahoo.splits!(AAPL, '2015-01-01', '2020-09-02', ctx('yahoo'))).toEqual([BOTH[1]]);
  });

  it('alpha vantage: a split coefficient other than 1 in the adjusted series', async () => {
    expect(await alphaVantage.splits!(AAPL, '2010-01-01', '2020-09-02', ctx('alpha-vantage', 'KEY'))).toEqual(BOTH);
    const r = server.requestsFor('alpha-vantage')[0]!;
    expect(r.query).toMatchObject({ function: 'TIME_SERIES_DAILY_ADJUSTED', symbol: 'AAPL', outputsize: 'full', apikey: 'KEY' });
  });

  it('finnhub: /stock/split, toFactor new for fromFactor old', async () => {
    expect(await finnhub.splits!(AAPL, '2010-01-01', '2020-09-02', ctx('finnhub', 'KEY'))).toEqual(BOTH);
    const r = server.requestsFor('finnhub')[0]!;
    expect(r.path).toBe('/finnhub/stock/split');
    expect(r.query).toEqual({ symbol: 'AAPL', from: '2010-01-01', to: '2020-09-02' });
    expect(r.headers['x-finnhub-token']).toBe('KEY');
  });

  it('a provider that fails is passed over for the next that publishes splits', async () => {
    server.setScenario('yahoo', 'server_error');
    const registry = new ProviderRegistry({
      adapters: ALL_ADAPTERS,
      config: { stock: [{ id: 'yahoo', enabled: true, baseUrl: server.baseUrls.yahoo }, { id: 'finnhub', enabled: true, apiKey: 'KEY', baseUrl: server.baseUrls.finnhub }] },
      now: () => NOW,
      env: {},
    });
    const answer = await registry.splits(AAPL, '2010-01-01', '2020-09-02');
    expect(answer.provider).toBe('finnhub');
    expect(answer.data).toEqual(BOTH);
    expect(answer.attempts.map((a) => [a.provider, a.outcome])).toEqual([
      ['yahoo', 'failed'],
      ['finnhub', 'ok'],
    ]);
  });

  it('reads a coefficient below one as a reverse split', () => {
    expect(splitOfCoefficient('2024-01-02', '0.1')).toEqual({ date: '2024-01-02', numerator: '1', denominator: '10' });
    expect(splitOfCoefficient('2024-01-02', '1.5')).toEqual({ date: '2024-01-02', numerator: '1.5', denominator: '1' });
    expect(splitOfCoefficient('2024-01-02', '1.0')).toBeUndefined();
    expect(splitOfCoefficient('2024-01-02', '0')).toBeUndefined();
  });
});
