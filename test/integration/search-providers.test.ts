import { describe, expect, it } from 'vitest';
import { alphaVantage, binance, clearBinanceSymbols, coingecko, createProviderRegistry, finnhub, yahoo, type ProvidersConfig } from '../../main/providers/index.js';
import { useFixtureServer } from '../support/fixture-hooks.js';

/** Each provider's search endpoint against the loopback fixture server, in its real response shape. */
const NOW = Date.parse('2026-12-07T12:00:00Z');
const fixture = useFixtureServer({ now: () => NOW, beforeEachTest: () => clearBinanceSymbols() });
const { ctx } = fixture;

describe('adapters: search', () => {
  it('Yahoo: equities, ETFs and funds with the exchange and its currency; options and crypto left out', async () => {
    const hits = await yahoo.search!('apple', ctx('yahoo'));
    expect(hits.map((h) => [h.symbol, h.exchange, h.currency, h.type])).toEqual([
      ['AAPL', 'NASDAQ', 'USD', 'Equity'],
      ['APLE', 'NYSE', 'USD', 'Equity'],
      ['APC.DE', 'XETRA', 'EUR', 'Equity'],
      ['AAPL.MX', 'Mexico', 'MXN', 'Equity'],
      ['LAPPL.L', 'LSE', 'GBP', 'ETF'],
    ]);
    expect(hits[0]).toMatchObject({ providerSymbol: 'AAPL', name: 'Apple Inc.', assetClass: 'stock' });
    const [req] = fixture.server.requestsFor('yahoo');
    expect(req?.path).toBe('/yahoo/v1/finance/search');
    expect(req?.query.q).toBe('apple');
  });

  it('Yahoo: an empty answer is no hits', async () => {
    expect(await yahoo.search!('zzzz nothing', ctx('yahoo'))).toEqual([]);
  });

  it('Finnhub: listings with the key in a header; a suffix not known here has no currency', async () => {
    const hits = await finnhub.search!('apple', ctx('finnhub', 'fh-key'));
    expect(hits.map((h) => [h.symbol, h.currency ?? null, h.type])).toEqual([
      ['AAPL', 'USD', 'Common Stock'],
      ['AAPL.SW', 'CHF', 'Common Stock'],
      ['APC.BE', 'EUR', 'Common Stock'],
      ['APLE', 'USD', 'REIT'],
      ['AAPL.XX', null, 'Common Stock'],
    ]);
    const [req] = fixture.server.requestsFor('finnhub');
    expect(req?.headers['x-finnhub-token']).toBe('fh-key');
    expect(req?.query.token).toBeUndefined();
  });

  it('Alpha Vantage: its suffixes become the catalogue ticker, pence become pounds', async () => {
    const hits = await alphaVantage.search!('tesco', ctx('alpha-vantage', 'av-key'));
    expect(hits.map((h) => [h.symbol, h.providerSymbol, h.currency, h.exchange])).toEqual([
      ['TSCO.L', 'TSCO.LON', 'GBP', 'United Kingdom'],
      ['TSCDF', 'TSCDF', 'USD', 'United States'],
    ]);
    expect(fixture.server.requestsFor('alpha-vantage')[0]?.query).toMatchObject({ function: 'SYMBOL_SEARCH', keywords: 'tesco', apikey: 'av-key' });
  });

  it('Alpha Vantage: the throttle note is a rate limit', async () => {
    fixture.server.setScenario('alpha-vantage', 'throttle_body');
    await expect(alphaVantage.search!('tesco', ctx('alpha-vantage', 'k'))).rejects.toMatchObject({ kind: 'rate_limited' });
  });

  it('CoinGecko: coins by market cap, its id kept as the provider symbol', async () => {
    const hits = await coingecko.search!('bitcoin', ctx('coingecko'));
    expect(hits.map((h) => [h.symbol, h.providerSymbol, h.name])).toEqual([
      ['BTC-USD', 'bitcoin', 'Bitcoin'],
      ['WBTC-USD', 'wrapped-bitcoin', 'Wrapped Bitcoin'],
      ['BCH-USD', 'bitcoin-cash', 'Bitcoin Cash'],
      ['BTCB-USD', 'bitcoin-on-base', 'Bitcoin on Base'],
    ]);
    expect(fixture.server.requestsFor('coingecko')[0]?.path).toBe('/coingecko/search');
  });

  it('Binance: the symbol list, fetched once, searched by base asset; halted pairs left out', async () => {
    const btc = await binance.search!('btc', ctx('binance'));
    expect(btc.map((h) => [h.symbol, h.providerSymbol, h.currency])).toEqual([['BTC-USD', 'BTCUSDT', 'USD']]);
    const sol = await binance.search!('SOL', ctx('binance'));
    expect(sol.map((h) => [h.symbol, h.providerSymbol])).toEqual([['SOL-EUR', 'SOLEUR']]);
    expect(await binance.search!('apple inc', ctx('binance'))).toEqual([]);
    expect(fixture.server.requestsFor('binance')).toHaveLength(1);
  });
});

describe('registry: search states', () => {
  function registry(config: ProvidersConfig = {}) {
    return createProviderRegistry({ env: fixture.server.env, config, timeoutMs: 1000, breaker: { failureThreshold: 2, cooldownMs: 60_000 } });
  }

  it('searches only enabled providers that have a search, with a key where needed', () => {
    const r = registry({ stock: [{ id: 'yahoo', enabled: true }, { id: 'finnhub', enabled: false }, { id: 'alpha-vantage', enabled: true }], crypto: [{ id: 'coinbase', enabled: true }, { id: 'coingecko', enabled: true }] });
    expect(r.searchProviders()).toEqual(['yahoo', 'coingecko']);
  });

  it('a 503 is down, in words, and two of them open the breaker without another request', async () => {
    fixture.server.setScenario('yahoo', 'server_error');
    const r = registry();
    expect(await r.search('yahoo', 'apple')).toMatchObject({ state: 'down', hits: [], message: 'HTTP 503' });
    await r.search('yahoo', 'apple');
    const before = fixture.server.requestsFor('yahoo').length;
    expect(await r.search('yahoo', 'apple')).toMatchObject({ state: 'down', message: 'paused after repeated failures' });
    expect(fixture.server.requestsFor('yahoo')).toHaveLength(before);
  });

  it('a 429 is rate-limited with its Retry-After, and the provider is left alone meanwhile', async () => {
    fixture.server.setScenario('coingecko', 'rate_limited', { retryAfter: '30' });
    const r = registry();
    expect(await r.search('coingecko', 'bitcoin')).toMatchObject({ state: 'rate-limited', retryAfterMs: 30_000 });
    fixture.server.reset();
    expect(await r.search('coingecko', 'bitcoin')).toMatchObject({ state: 'rate-limited' });
    expect(fixture.server.requestsFor('coingecko')).toHaveLength(1);
  });

  it('an HTML page or a wrong shape is down; an unreachable provider is offline', async () => {
    fixture.server.setScenario('yahoo', 'html');
    expect(await registry().search('yahoo', 'apple')).toMatchObject({ state: 'down', message: expect.stringContaining('HTML') });
    fixture.server.setScenario('coingecko', 'wrong_shape');
    expect(await registry().search('coingecko', 'bitcoin')).toMatchObject({ state: 'down' });
    const closed = createProviderRegistry({ env: { BOURSE_YAHOO_URL: 'http://127.0.0.1:9' }, timeoutMs: 1000 });
    expect(await closed.search('yahoo', 'apple')).toMatchObject({ state: 'offline', hits: [] });
  });

  it('the base URL of Settings wins over the environment', async () => {
    const r = createProviderRegistry({ env: { BOURSE_YAHOO_URL: 'http://127.0.0.1:9' }, config: { stock: [{ id: 'yahoo', enabled: true, baseUrl: fixture.server.baseUrls.yahoo }] } });
    expect((await r.search('yahoo', 'apple')).hits[0]?.symbol).toBe('AAPL');
  });
});

describe('registry: our own rate limit', () => {
  it('a search beyond the token bucket is rate-limited here, without a request', async () => {
    const r = createProviderRegistry({ env: fixture.server.env, rateLimits: { coingecko: { capacity: 1, refillPerSec: 1 / 60 } } });
    expect((await r.search('coingecko', 'bitcoin')).state).toBe('ok');
    expect(await r.search('coingecko', 'bitcoin')).toMatchObject({ state: 'rate-limited', local: true });
    expect(fixture.server.requestsFor('coingecko')).toHaveLength(1);
  });
});
