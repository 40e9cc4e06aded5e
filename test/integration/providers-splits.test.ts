import { beforeEach, describe, expect, it } from 'vitest';
import { alphaVantage, finnhub, yahoo } from '../../main/providers/index.js';
import { ProviderRegistry } from '../../main/providers/registry.js';
import { asTraded, splitOfCoefficient } from '../../main/providers/splits.js';
import { ALL_ADAPTERS } from '../../main/providers/index.js';
import { useFixtureServer } from '../support/fixture-hooks.js';

/**
 * The splits each stock provider publishes, from a loopback server answering in the provider's own shape
 * (test/fixtures/providers/<provider>/splits/): Yahoo's chart events, Alpha Vantage's adjusted daily series and
 * Finnhub's /stock/split. AAPL split 7-for-1 on 2014-06-09 and 4-for-1 on 2020-08-31.
 */
const NOW = Date.parse('2020-09-03T12:00:00Z');
const AAPL = { assetClass: 'stock', symbol: 'AAPL', quote: 'USD' } as const;
const BOTH = [
  { date: '2014-06-09', numerator: '7', denominator: '1' },
  { date: '2020-08-31', numerator: '4', denominator: '1' },
];

const fixture = useFixtureServer({
  now: () => NOW,
  beforeEachTest: (server) => {
    for (const p of ['yahoo', 'finnhub', 'alpha-vantage'] as const) server.setScenario(p, 'splits');
  },
});
const { ctx } = fixture;

describe('split events', () => {
  it('yahoo: the chart events, each on its exchange day', async () => {
    expect(await yahoo.splits!(AAPL, '2010-01-01', '2020-09-02', ctx('yahoo'))).toEqual(BOTH);
    const r = fixture.server.requestsFor('yahoo')[0]!;
    expect(r.path).toBe('/yahoo/v8/finance/chart/AAPL');
    expect(r.query).toMatchObject({ events: 'split', interval: '1mo', period1: String(Date.parse('2010-01-01') / 1000) });
    // Only those in the range asked.
    expect(await yahoo.splits!(AAPL, '2015-01-01', '2020-09-02', ctx('yahoo'))).toEqual([BOTH[1]]);
  });

  it('alpha vantage: a split coefficient other than 1 in the adjusted series', async () => {
    expect(await alphaVantage.splits!(AAPL, '2010-01-01', '2020-09-02', ctx('alpha-vantage', 'KEY'))).toEqual(BOTH);
    const r = fixture.server.requestsFor('alpha-vantage')[0]!;
    expect(r.query).toMatchObject({ function: 'TIME_SERIES_DAILY_ADJUSTED', symbol: 'AAPL', outputsize: 'full', apikey: 'KEY' });
  });

  it('finnhub: /stock/split, toFactor new for fromFactor old', async () => {
    expect(await finnhub.splits!(AAPL, '2010-01-01', '2020-09-02', ctx('finnhub', 'KEY'))).toEqual(BOTH);
    const r = fixture.server.requestsFor('finnhub')[0]!;
    expect(r.path).toBe('/finnhub/stock/split');
    expect(r.query).toEqual({ symbol: 'AAPL', from: '2010-01-01', to: '2020-09-02' });
    expect(r.headers['x-finnhub-token']).toBe('KEY');
  });

  it('a provider that fails is passed over for the next that publishes splits', async () => {
    fixture.server.setScenario('yahoo', 'server_error');
    const registry = new ProviderRegistry({
      adapters: ALL_ADAPTERS,
      config: { stock: [{ id: 'yahoo', enabled: true, baseUrl: fixture.server.baseUrls.yahoo }, { id: 'finnhub', enabled: true, apiKey: 'KEY', baseUrl: fixture.server.baseUrls.finnhub }] },
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

describe('closes as traded from split-adjusted history', () => {
  // test/fixtures/providers/yahoo/split_adjusted.json: AAPL's daily closes 2020-08-26..09-02 as Yahoo publishes them,
  // divided by 4 before the 4-for-1 split of 2020-08-31 (124.81 on 08-28 was 499.23 as traded; 4 × 124.81 = 499.24).
  beforeEach(() => fixture.server.setScenario('yahoo', 'split_adjusted'));
  const closes = (bars: { date: string; close: string; volume?: string }[]) => bars.map((b) => [b.date, b.close, b.volume]);

  it('yahoo: multiplies the closes before a split in the range back, and divides their volume', async () => {
    const h = await yahoo.dailyHistory(AAPL, '2020-08-26', '2020-09-03', ctx('yahoo'));
    expect(closes(h.bars)).toEqual([
      ['2020-08-26', '506.08', '40755600'],
      ['2020-08-27', '500.04', '38888100'],
      ['2020-08-28', '499.24', '46907500'],
      ['2020-08-31', '129.04', '225702700'],
      ['2020-09-01', '134.18', '151948100'],
      ['2020-09-02', '131.4', '200119000'],
    ]);
    expect(h.bars[2]).toMatchObject({ open: '499.24', high: '503.24', low: '495.24' });
    // The range reaches today (NOW is 2020-09-03): no split can come after it, so no further request.
    expect(fixture.server.requestsFor('yahoo').map((r) => r.query.events)).toEqual(['split']);
  });

  it('yahoo: a range that ends before a later split asks for the splits since and undoes them too', async () => {
    const h = await yahoo.dailyHistory(AAPL, '2020-08-26', '2020-08-28', ctx('yahoo'));
    expect(closes(h.bars)).toEqual([
      ['2020-08-26', '506.08', '40755600'],
      ['2020-08-27', '500.04', '38888100'],
      ['2020-08-28', '499.24', '46907500'],
    ]);
    const later = fixture.server.requestsFor('yahoo')[1]!;
    expect(later.query).toMatchObject({ events: 'split', interval: '1mo', period1: String(Date.parse('2020-08-29') / 1000) });
  });

  it('undoes each split after a bar, exactly for whole ratios, to 8 places otherwise', () => {
    const bars = [
      { date: '2024-01-02', close: '10', volume: '700' },
      { date: '2024-02-01', close: '10' },
      { date: '2024-03-01', close: '10' },
    ];
    const splits = [
      { date: '2024-02-01', numerator: '2', denominator: '1' },
      { date: '2024-03-01', numerator: '3', denominator: '7' },
    ];
    expect(asTraded(bars, splits)).toEqual([
      { date: '2024-01-02', close: '8.57142857', volume: '817' },
      { date: '2024-02-01', close: '4.28571429' },
      { date: '2024-03-01', close: '10' },
    ]);
    expect(asTraded(bars, [])).toEqual(bars);
  });
});
