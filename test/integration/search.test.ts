import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../main/compose.js';
import type { InstrumentView, SearchResults, SyncJobView } from '../../shared/contract/index.js';
import { ok, tempApp } from '../support/app.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';

/** instruments:search and instruments:pick through dispatch: a real app, the providers on a loopback server. */
let server: FixtureServer;
let app: App;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(async () => {
  await server.close();
});

async function pointProvidersAtServer(keys: boolean): Promise<void> {
  await ok(
    app.dispatch('providers:update', {
      assetClass: 'stock',
      changes: [
        { id: 'yahoo', baseUrl: server.baseUrls.yahoo },
        { id: 'finnhub', enabled: keys, baseUrl: server.baseUrls.finnhub, ...(keys ? { apiKey: 'fh-key' } : {}) },
        { id: 'alpha-vantage', enabled: keys, baseUrl: server.baseUrls['alpha-vantage'], ...(keys ? { apiKey: 'av-key' } : {}) },
      ],
    }),
  );
  await ok(
    app.dispatch('providers:update', {
      assetClass: 'crypto',
      changes: [
        { id: 'binance', baseUrl: server.baseUrls.binance },
        { id: 'coingecko', baseUrl: server.baseUrls.coingecko },
      ],
    }),
  );
}

const search = (query: string, remote?: boolean) => ok<SearchResults>(app.dispatch('instruments:search', { query, ...(remote === undefined ? {} : { remote }) }));

beforeEach(async () => {
  server.reset();
  server.clearRequests();
  ({ app, cleanup } = await tempApp());
  await ok(app.dispatch('profile:create', { username: 'searcher', password: 'correct horse' }));
});
afterEach(async () => cleanup());

describe('instruments:search', () => {
  it('merges one instrument named by every source, keeping each provider symbol, ranked by the ticker', async () => {
    await pointProvidersAtServer(true);
    const { results, sources } = await search('apple');
    const aapl = results.find((r) => r.symbol === 'AAPL');
    expect(aapl).toMatchObject({
      name: 'Apple Inc.',
      exchange: 'NASDAQ',
      currency: 'USD',
      isin: 'US0378331005',
      providerSymbols: { yahoo: 'AAPL', finnhub: 'AAPL', 'alpha-vantage': 'AAPL' },
      instrumentId: null,
    });
    expect(aapl?.from.sort()).toEqual(['alpha-vantage', 'bundled', 'finnhub', 'yahoo']);
    // Alpha Vantage's APC.DEX and Yahoo's APC.DE are one listing.
    expect(results.filter((r) => r.symbol === 'APC.DE')).toHaveLength(1);
    expect(results.find((r) => r.symbol === 'APC.DE')?.providerSymbols).toEqual({ yahoo: 'APC.DE', 'alpha-vantage': 'APC.DEX' });
    expect(results.map((r) => r.symbol).indexOf('AAPL')).toBeLessThan(results.map((r) => r.symbol).indexOf('APLE'));
    expect(sources.map((s) => [s.provider, s.state])).toEqual([
      ['yahoo', 'ok'],
      ['alpha-vantage', 'ok'],
      ['finnhub', 'ok'],
      ['binance', 'ok'],
      ['coingecko', 'ok'],
    ]);
    expect(sources.find((s) => s.provider === 'coingecko')?.message).toBe('found nothing');
  });

  it('an exact ticker comes first, and an ISIN finds its listing', async () => {
    await pointProvidersAtServer(false);
    expect((await search('aapl')).results[0]?.symbol).toBe('AAPL');
    const byIsin = await search('US0378331005');
    expect(byIsin.results[0]).toMatchObject({ symbol: 'AAPL', match: 'isin' });
    expect(server.requestsFor('yahoo').at(-1)?.query.q).toBe('US0378331005');
    // Crypto providers are not asked for an ISIN.
    expect(byIsin.sources.map((s) => s.provider)).toEqual(['yahoo']);
  });

  it('says in words which provider is down or rate-limited, and still shows what the others and the offline list found', async () => {
    await pointProvidersAtServer(false);
    server.setScenario('yahoo', 'server_error');
    server.setScenario('coingecko', 'rate_limited', { retryAfter: '20' });
    const { results, sources } = await search('btc');
    expect(sources.find((s) => s.provider === 'yahoo')).toMatchObject({ state: 'down', name: 'Yahoo Finance', message: 'is not answering (HTTP 503)' });
    expect(sources.find((s) => s.provider === 'coingecko')).toMatchObject({ state: 'rate-limited', message: 'asked us to slow down; asked again in 20 s' });
    expect(results[0]).toMatchObject({ symbol: 'BTC-USD', name: 'Bitcoin', from: ['bundled', 'binance'], providerSymbols: { coingecko: 'bitcoin', binance: 'BTCUSDT' } });
  });

  it('offline: the catalogue and the bundled list still answer, every provider said to be unreachable', async () => {
    await ok(app.dispatch('providers:update', { assetClass: 'stock', changes: [{ id: 'yahoo', baseUrl: 'http://127.0.0.1:9' }] }));
    await ok(app.dispatch('providers:update', { assetClass: 'crypto', changes: [{ id: 'binance', baseUrl: 'http://127.0.0.1:9' }, { id: 'coingecko', baseUrl: 'http://127.0.0.1:9' }] }));
    await ok(app.dispatch('instrument:add', { symbol: 'ACME', name: 'Acme Apple Orchards', assetClass: 'stock', quoteCurrency: 'EUR' }));
    const { results, sources } = await search('apple');
    expect(sources.every((s) => s.state === 'offline' && s.message === 'cannot be reached: check the connection')).toBe(true);
    expect(results.slice(0, 2).map((r) => [r.symbol, r.from])).toEqual([
      ['ACME', ['catalogue']],
      ['AAPL', ['bundled']],
    ]);
    const btc = await search('btc');
    expect(btc.results[0]).toMatchObject({ symbol: 'BTC-USD', name: 'Bitcoin', match: 'ticker' });
  });

  it('remote: false asks no provider', async () => {
    await pointProvidersAtServer(true);
    const r = await search('apple', false);
    expect(r.sources).toEqual([]);
    expect(r.results[0]?.symbol).toBe('AAPL');
    expect(server.requests).toHaveLength(0);
  });

  it('asks a provider once for the same words while its answer is fresh', async () => {
    await pointProvidersAtServer(false);
    await search('apple');
    await search('Apple ');
    expect(server.requestsFor('yahoo')).toHaveLength(1);
  });

  it('refuses an empty or over-long query with a stable code', async () => {
    for (const query of ['', '   ', 'x'.repeat(65)]) {
      const r = await app.dispatch('instruments:search', { query });
      expect(!r.ok && r.error.code).toBe('INVALID_INPUT');
    }
  });
});

describe('instruments:pick', () => {
  it('adds the instrument with every provider symbol filled in, lists it first after, and plans its backfill', async () => {
    await pointProvidersAtServer(true);
    const aapl = (await search('apple')).results.find((r) => r.symbol === 'AAPL')!;
    const picked = await ok<{ instrument: InstrumentView; added: boolean }>(
      app.dispatch('instruments:pick', { symbol: aapl.symbol, name: aapl.name, assetClass: aapl.assetClass, quoteCurrency: aapl.currency!, providerSymbols: aapl.providerSymbols }),
    );
    expect(picked.added).toBe(true);
    expect(picked.instrument).toMatchObject({ symbol: 'AAPL', quoteCurrency: 'USD', providerSymbols: { yahoo: 'AAPL', finnhub: 'AAPL', 'alpha-vantage': 'AAPL' } });
    const list = await ok<InstrumentView[]>(app.dispatch('instrument:list', {}));
    expect(list.map((i) => i.symbol)).toEqual(['AAPL']);

    const again = await search('apple');
    expect(again.results[0]).toMatchObject({ symbol: 'AAPL', instrumentId: picked.instrument.id });
    expect(again.results[0]?.from).toContain('catalogue');

    let jobs: SyncJobView[] = [];
    for (let i = 0; i < 50 && !jobs.some((j) => j.symbol === 'AAPL'); i++) {
      await new Promise((r) => setTimeout(r, 20));
      jobs = await ok<SyncJobView[]>(app.dispatch('sync:jobs', {}));
    }
    expect(jobs.find((j) => j.symbol === 'AAPL')?.kind).toBe('backfill');
  });

  it('picking what is already there adds nothing and fills only the provider symbols it lacked', async () => {
    await ok(app.dispatch('instrument:add', { symbol: 'TSCO.L', name: 'Tesco', assetClass: 'stock', quoteCurrency: 'GBP', providerSymbols: { yahoo: 'TSCO.L' } }));
    const r = await ok<{ instrument: InstrumentView; added: boolean }>(
      app.dispatch('instruments:pick', { symbol: 'TSCO.L', name: 'Tesco PLC', assetClass: 'stock', quoteCurrency: 'GBP', providerSymbols: { yahoo: 'XXX', 'alpha-vantage': 'TSCO.LON' } }),
    );
    expect(r.added).toBe(false);
    expect(r.instrument).toMatchObject({ name: 'Tesco', providerSymbols: { yahoo: 'TSCO.L', 'alpha-vantage': 'TSCO.LON' } });
  });

  it('adds a quote currency the catalogue lacks, and refuses a code that is no currency without adding anything', async () => {
    await ok(app.dispatch('currency:remove', { code: 'DKK' }));
    const r = await ok<{ instrument: InstrumentView }>(app.dispatch('instruments:pick', { symbol: 'NOVO-B.CO', name: 'Novo Nordisk', assetClass: 'stock', quoteCurrency: 'DKK' }));
    expect(r.instrument.quoteCurrency).toBe('DKK');
    const bad = await app.dispatch('instruments:pick', { symbol: 'ZZZ', name: 'Nothing', assetClass: 'stock', quoteCurrency: 'QQQ' });
    expect(!bad.ok && bad.error.code).toBe('UNKNOWN_CURRENCY');
    const list = await ok<InstrumentView[]>(app.dispatch('instrument:list', {}));
    expect(list.map((i) => i.symbol)).toEqual(['NOVO-B.CO']);
  });

  it('refuses provider symbols whose own "constructor" is not a function as invalid input, not as a crash', async () => {
    for (const ps of ['{"constructor":null}', '{"constructor":1,"yahoo":"X"}', '{"constructor":{"prototype":null}}']) {
      const r = await app.dispatch('instruments:pick', JSON.parse(`{"symbol":"ABC","name":"A","assetClass":"stock","quoteCurrency":"USD","providerSymbols":${ps}}`));
      expect(!r.ok && r.error.code, ps).toBe('INVALID_INPUT');
    }
    expect(await ok<InstrumentView[]>(app.dispatch('instrument:list', {}))).toEqual([]);
  });
});
