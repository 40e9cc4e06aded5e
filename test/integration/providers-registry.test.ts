import { describe, expect, it } from 'vitest';
import { clearEcbCache, createProviderRegistry, ProviderChainError, type ProvidersConfig } from '../../main/providers/index.js';
import { useFixtureServer } from '../support/fixture-hooks.js';

/** The registry over real HTTP: fall-through with reasons, Retry-After, env base URLs, the Test button. */
let clock = Date.parse('2020-03-07T12:00:00Z');
const now = () => clock;
const sleep = async (ms: number) => {
  clock += ms;
};

const fixture = useFixtureServer({ beforeEachTest: () => clearEcbCache() });

const FX = { assetClass: 'fx', symbol: 'EUR-USD' } as const;

function fxConfig(): ProvidersConfig {
  return {
    fx: [
      { id: 'frankfurter', enabled: true },
      { id: 'open-exchange-rates', enabled: true }, // no key: skipped
      { id: 'currency-beacon', enabled: false, apiKey: 'k' }, // disabled: skipped
      { id: 'ecb', enabled: true },
      { id: 'bundled', enabled: true },
    ],
  };
}

describe('provider registry over HTTP', () => {
  it('uses BOURSE_<PROVIDER>_URL from env and answers from the first provider', async () => {
    const reg = createProviderRegistry({ config: fxConfig(), env: fixture.server.env, now, sleep, timeoutMs: 500 });
    const a = await reg.dailyHistory(FX, '2020-03-02', '2020-03-06');
    expect(a.provider).toBe('frankfurter');
    expect(a.data.bars).toHaveLength(5);
    expect(a.attempts).toEqual([{ provider: 'frankfurter', outcome: 'ok', elapsedMs: 0 }]);
    expect(fixture.server.requestsFor('frankfurter')).toHaveLength(1);
  });

  it('falls through a 429, skips keyless and disabled providers, and says why', async () => {
    fixture.server.setScenario('frankfurter', 'rate_limited', { retryAfter: '30' });
    const reg = createProviderRegistry({ config: fxConfig(), env: fixture.server.env, now, sleep, timeoutMs: 500 });
    const a = await reg.dailyHistory(FX, '2020-03-02', '2020-03-06');
    expect(a.provider).toBe('ecb');
    expect(a.data.bars.map((b) => b.close)).toEqual(['1.1104', '1.1162', '1.1147', '1.1194', '1.1336']);
    expect(a.attempts.map((x) => [x.provider, x.outcome, x.reason])).toEqual([
      ['frankfurter', 'failed', 'rate_limited'],
      ['open-exchange-rates', 'skipped', 'no_key'],
      ['currency-beacon', 'skipped', 'disabled'],
      ['ecb', 'ok', undefined],
    ]);
    expect(a.attempts[0]?.retryAfterMs).toBe(30_000);

    // Retry-After honoured: inside the window frankfurter is not even asked...
    fixture.server.clearRequests();
    fixture.server.reset();
    clock += 10_000;
    const b = await reg.dailyHistory(FX, '2020-03-02', '2020-03-06');
    expect(b.provider).toBe('ecb');
    expect(b.attempts[0]).toEqual({ provider: 'frankfurter', outcome: 'skipped', reason: 'retry_after', message: 'provider asked us to wait', retryAfterMs: 20_000 });
    expect(fixture.server.requestsFor('frankfurter')).toHaveLength(0);

    // ...and after it, it is first again.
    clock += 20_000;
    const c = await reg.dailyHistory(FX, '2020-03-02', '2020-03-06');
    expect(c.provider).toBe('frankfurter');
  });

  it('an HTML page and a timeout fall through to the bundled offline history', async () => {
    fixture.server.setScenario('frankfurter', 'html');
    fixture.server.setScenario('ecb', 'timeout');
    const reg = createProviderRegistry({ config: fxConfig(), env: fixture.server.env, now, sleep, timeoutMs: 300 });
    const a = await reg.dailyHistory(FX, '2020-03-02', '2020-03-02');
    expect(a.provider).toBe('bundled');
    expect(a.data).toEqual({ currency: 'USD', bars: [{ date: '2020-03-02', close: '1.11219996129' }] });
    expect(a.attempts.filter((x) => x.outcome === 'failed').map((x) => [x.provider, x.reason])).toEqual([
      ['frankfurter', 'bad_data'],
      ['ecb', 'transient'],
    ]);
  });

  it('not_found from every provider is not_found, with the attempts attached', async () => {
    for (const p of ['yahoo', 'alpha-vantage', 'finnhub'] as const) fixture.server.setScenario(p, 'unknown_symbol');
    const reg = createProviderRegistry({
      config: { stock: [{ id: 'yahoo', enabled: true }, { id: 'alpha-vantage', enabled: true, apiKey: 'k' }, { id: 'finnhub', enabled: true, apiKey: 'k' }] },
      env: fixture.server.env,
      now,
      sleep,
    });
    const err = await reg.dailyHistory({ assetClass: 'stock', symbol: 'NOPE' }, '2020-03-02', '2020-03-03').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderChainError);
    expect((err as ProviderChainError).kind).toBe('not_found');
    expect((err as ProviderChainError).attempts.map((x) => x.reason)).toEqual(['not_found', 'not_found', 'not_found']);
  });

  it('a configured baseUrl wins over env; the Test button reports success and failure', async () => {
    const reg = createProviderRegistry({ env: { BOURSE_FRANKFURTER_URL: 'http://127.0.0.1:1' }, now, sleep, timeoutMs: 500 });
    const ok = await reg.test('frankfurter', { baseUrl: fixture.server.baseUrls.frankfurter });
    expect(ok).toMatchObject({ ok: true, provider: 'frankfurter', sample: { price: '1.1336', currency: 'USD', date: '2020-03-06' } });
    const down = await reg.test('frankfurter');
    expect(down).toMatchObject({ ok: false, error: { kind: 'transient' } });
    const noKey = await reg.test('finnhub', { baseUrl: fixture.server.baseUrls.finnhub });
    expect(noKey).toMatchObject({ ok: false, error: { kind: 'auth' } });
    fixture.server.setScenario('finnhub', 'auth');
    const badKey = await reg.test('finnhub', { baseUrl: fixture.server.baseUrls.finnhub, apiKey: 'wrong' });
    expect(badKey).toMatchObject({ ok: false, error: { kind: 'auth' } });
  });

  it('splits long ranges by the provider maximum (Coinbase: 300 candles a request)', async () => {
    const reg = createProviderRegistry({ config: { crypto: [{ id: 'coinbase', enabled: true }] }, env: fixture.server.env, now, sleep });
    await reg.dailyHistory({ assetClass: 'crypto', symbol: 'BTC-USD' }, '2019-01-01', '2020-03-05');
    expect(fixture.server.requestsFor('coinbase').map((r) => [r.query.start, r.query.end])).toEqual([
      ['2019-01-01T00:00:00Z', '2019-10-27T23:59:59Z'],
      ['2019-10-28T00:00:00Z', '2020-03-05T23:59:59Z'],
    ]);
  });
});
