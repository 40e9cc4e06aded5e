import { describe, expect, it } from 'vitest';
import {
  alphaVantage,
  binance,
  clearEcbCache,
  coinbase,
  coingecko,
  currencyBeacon,
  ecb,
  finnhub,
  frankfurter,
  openExchangeRates,
  yahoo,
} from '../../main/providers/index.js';
import { useFixtureServer } from '../support/fixture-hooks.js';

/** Each adapter against the loopback fixture server: exact bars, hand-checked against the fixture files. */
const NOW = Date.parse('2020-03-07T12:00:00Z');
const fixture = useFixtureServer({ now: () => NOW, beforeEachTest: () => clearEcbCache() });
const { ctx } = fixture;

const FX = { assetClass: 'fx', symbol: 'EUR-USD' } as const;
const BTC = { assetClass: 'crypto', symbol: 'BTC-USD' } as const;
const AAPL = { assetClass: 'stock', symbol: 'AAPL', quote: 'USD' } as const;

describe('frankfurter', () => {
  it('parses the time series, trims the snapped-back Friday and leaves the weekend out', async () => {
    const h = await frankfurter.dailyHistory(FX, '2020-02-29', '2020-03-06', ctx('frankfurter'));
    expect(h).toEqual({
      currency: 'USD',
      bars: [
        { date: '2020-03-02', close: '1.1104' },
        { date: '2020-03-03', close: '1.1162' },
        { date: '2020-03-04', close: '1.1147' },
        { date: '2020-03-05', close: '1.1194' },
        { date: '2020-03-06', close: '1.1336' },
      ],
    });
    const [r] = fixture.server.requestsFor('frankfurter');
    expect(r?.path).toBe('/frankfurter/2020-02-29..2020-03-06');
    expect(r?.query).toEqual({ base: 'EUR', symbols: 'USD' });
  });

  it('keeps holiday gaps as gaps (no 25/26 Dec, no 1 Jan)', async () => {
    fixture.server.setScenario('frankfurter', 'gaps');
    const h = await frankfurter.dailyHistory(FX, '2019-12-23', '2020-01-03', ctx('frankfurter'));
    expect(h.bars.map((b) => b.date)).toEqual(['2019-12-23', '2019-12-24', '2019-12-27', '2019-12-30', '2019-12-31', '2020-01-02', '2020-01-03']);
    expect(h.bars[1]).toEqual({ date: '2019-12-24', close: '1.108' });
  });

  it('latest', async () => {
    expect(await frankfurter.latest(FX, ctx('frankfurter'))).toEqual({ price: '1.1336', currency: 'USD', date: '2020-03-06' });
  });
});

describe('ecb', () => {
  it('reads the XML history newest-first into sorted EUR-USD bars', async () => {
    const h = await ecb.dailyHistory(FX, '2020-02-28', '2020-03-06', ctx('ecb'));
    expect(h.currency).toBe('USD');
    expect(h.bars).toEqual([
      { date: '2020-02-28', close: '1.0977' },
      { date: '2020-03-02', close: '1.1104' },
      { date: '2020-03-03', close: '1.1162' },
      { date: '2020-03-04', close: '1.1147' },
      { date: '2020-03-05', close: '1.1194' },
      { date: '2020-03-06', close: '1.1336' },
    ]);
    // "now" is 2020-03-07, so the range fits the much smaller 90-day file.
    expect(fixture.server.requestsFor('ecb')[0]?.path).toBe('/ecb/eurofxref-hist-90d.xml');
  });

  it('asks for the full history file when the range starts more than ~90 days ago', async () => {
    const later = { ...ctx('ecb'), now: () => Date.parse('2021-01-01T00:00:00Z') };
    const h = await ecb.dailyHistory(FX, '2020-03-06', '2020-03-06', later);
    expect(h.bars).toEqual([{ date: '2020-03-06', close: '1.1336' }]);
    expect(fixture.server.requestsFor('ecb')[0]?.path).toBe('/ecb/eurofxref-hist.xml');
  });

  it('derives inverse and cross rates in decimal.js, and downloads the file once for several pairs', async () => {
    const inv = await ecb.dailyHistory({ assetClass: 'fx', symbol: 'USD-EUR' }, '2020-03-02', '2020-03-02', ctx('ecb'));
    expect(inv.bars).toEqual([{ date: '2020-03-02', close: '0.900576368876' }]); // 1 / 1.1104
    const cross = await ecb.dailyHistory({ assetClass: 'fx', symbol: 'GBP-USD' }, '2020-03-02', '2020-03-02', ctx('ecb'));
    expect(cross).toEqual({ currency: 'USD', bars: [{ date: '2020-03-02', close: '1.28343234934' }] }); // 1.1104 / 0.86518
    expect(fixture.server.requestsFor('ecb')).toHaveLength(1);
  });

  it('latest from the daily file (single-quoted attributes too)', async () => {
    expect(await ecb.latest({ assetClass: 'fx', symbol: 'EUR-GBP' }, ctx('ecb'))).toEqual({ price: '0.86945', currency: 'GBP', date: '2020-03-06' });
    expect(fixture.server.requestsFor('ecb')[0]?.path).toBe('/ecb/eurofxref-daily.xml');
  });
});

describe('open exchange rates', () => {
  it('one historical request per day, USD-based rates inverted in decimal.js, key sent as app_id', async () => {
    const h = await openExchangeRates.dailyHistory(FX, '2020-03-02', '2020-03-03', ctx('open-exchange-rates', 'k-oxr'));
    expect(h).toEqual({
      currency: 'USD',
      bars: [
        { date: '2020-03-02', close: '1.11166570878' }, // 1 / 0.899551
        { date: '2020-03-03', close: '1.11656989728' }, // 1 / 0.8956
      ],
    });
    const reqs = fixture.server.requestsFor('open-exchange-rates');
    expect(reqs.map((r) => r.path)).toEqual(['/open-exchange-rates/historical/2020-03-02.json', '/open-exchange-rates/historical/2020-03-03.json']);
    expect(reqs[0]?.query).toEqual({ app_id: 'k-oxr', symbols: 'EUR,USD' });
  });

  it('USD-EUR is the published number as is', async () => {
    const h = await openExchangeRates.dailyHistory({ assetClass: 'fx', symbol: 'USD-EUR' }, '2020-03-02', '2020-03-02', ctx('open-exchange-rates', 'k'));
    expect(h.bars).toEqual([{ date: '2020-03-02', close: '0.899551' }]);
  });

  it('latest', async () => {
    expect(await openExchangeRates.latest(FX, ctx('open-exchange-rates', 'k'))).toEqual({
      price: '1.13357992475',
      currency: 'USD',
      date: '2020-03-06',
      ts: 1583532000_000,
    });
  });
});

describe('currency beacon', () => {
  it('parses the timeseries envelope', async () => {
    const h = await currencyBeacon.dailyHistory(FX, '2020-03-02', '2020-03-06', ctx('currency-beacon', 'k-cb'));
    expect(h.currency).toBe('USD');
    expect(h.bars.map((b) => [b.date, b.close])).toEqual([
      ['2020-03-02', '1.1104'],
      ['2020-03-03', '1.1162'],
      ['2020-03-04', '1.1147'],
      ['2020-03-05', '1.1194'],
      ['2020-03-06', '1.1336'],
    ]);
    expect(fixture.server.requestsFor('currency-beacon')[0]?.query).toEqual({ api_key: 'k-cb', base: 'EUR', symbols: 'USD', start_date: '2020-03-02', end_date: '2020-03-06' });
  });

  it('latest', async () => {
    expect(await currencyBeacon.latest(FX, ctx('currency-beacon', 'k'))).toEqual({ price: '1.1336', currency: 'USD', date: '2020-03-06', ts: Date.parse('2020-03-06T16:00:00Z') });
  });
});

describe('binance', () => {
  it('maps BTC-USD to BTCUSDT and keeps the published strings', async () => {
    const h = await binance.dailyHistory(BTC, '2020-03-02', '2020-03-05', ctx('binance'));
    expect(h.currency).toBe('USD');
    expect(h.bars[0]).toEqual({ date: '2020-03-02', open: '8523.61000000', high: '8750.00000000', low: '8411.00000000', close: '8910.85000000', volume: '58560.21316700' });
    expect(h.bars.map((b) => [b.date, b.close])).toEqual([
      ['2020-03-02', '8910.85000000'],
      ['2020-03-03', '8760.07000000'],
      ['2020-03-04', '8750.87000000'],
      ['2020-03-05', '9054.68000000'],
    ]);
    expect(fixture.server.requestsFor('binance')[0]?.query).toEqual({
      symbol: 'BTCUSDT',
      interval: '1d',
      startTime: String(Date.parse('2020-03-02T00:00:00Z')),
      endTime: String(Date.parse('2020-03-06T00:00:00Z') - 1),
      limit: '1000',
    });
  });

  it('providerSymbols override the default mapping; latest', async () => {
    const q = await binance.latest({ ...BTC, providerSymbols: { binance: 'BTCBUSD' } }, ctx('binance'));
    expect(q).toEqual({ price: '9045.12000000', currency: 'USD', date: '2020-03-07' });
    expect(fixture.server.requestsFor('binance')[0]?.query).toEqual({ symbol: 'BTCBUSD' });
  });
});

describe('coingecko', () => {
  it('one close per UTC day, the later point of a day wins; numbers become strings without arithmetic', async () => {
    const h = await coingecko.dailyHistory(BTC, '2020-03-02', '2020-03-05', ctx('coingecko'));
    expect(h).toEqual({
      currency: 'USD',
      bars: [
        { date: '2020-03-02', close: '8599.508591198872' },
        { date: '2020-03-03', close: '8915.742017339027' },
        { date: '2020-03-04', close: '8773.271339963692' },
        { date: '2020-03-05', close: '9029.1' },
      ],
    });
    const r = fixture.server.requestsFor('coingecko')[0];
    expect(r?.path).toBe('/coingecko/coins/bitcoin/market_chart/range');
    expect(r?.query).toEqual({ vs_currency: 'usd', from: '1583107200', to: String(1583366400 + 86399) });
  });

  it('latest via simple/price', async () => {
    expect(await coingecko.latest(BTC, ctx('coingecko'))).toEqual({ price: '9045.37', currency: 'USD', date: '2020-03-06', ts: 1583503201_000 });
  });
});

describe('coinbase', () => {
  it('reorders newest-first [time, low, high, open, close, volume] candles', async () => {
    const h = await coinbase.dailyHistory(BTC, '2020-03-02', '2020-03-05', ctx('coinbase'));
    expect(h.bars).toEqual([
      { date: '2020-03-02', open: '8522.5', high: '8940', low: '8412', close: '8911.99', volume: '14979.8627519' },
      { date: '2020-03-03', open: '8911.99', high: '8924', low: '8655', close: '8762.01', volume: '16091.5514' },
      { date: '2020-03-04', open: '8762.01', high: '8850', low: '8675.01', close: '8753.55', volume: '10473.63412' },
      { date: '2020-03-05', open: '8753.55', high: '9150', low: '8748.87', close: '9058.37', volume: '14516.03174526' },
    ]);
    expect(fixture.server.requestsFor('coinbase')[0]?.query).toEqual({ granularity: '86400', start: '2020-03-02T00:00:00Z', end: '2020-03-05T23:59:59Z' });
  });

  it('latest from the ticker', async () => {
    expect(await coinbase.latest(BTC, ctx('coinbase'))).toEqual({ price: '9046.01', currency: 'USD', date: '2020-03-06', ts: Date.parse('2020-03-06T14:00:01.123Z') });
  });
});

describe('yahoo', () => {
  it('rounds float32-widened values to priceHint and dates bars in exchange time', async () => {
    const h = await yahoo.dailyHistory(AAPL, '2020-03-02', '2020-03-06', ctx('yahoo'));
    expect(h.currency).toBe('USD');
    expect(h.bars[0]).toEqual({ date: '2020-03-02', open: '282.28', high: '301.44', low: '277.72', close: '298.81', volume: '85349300' });
    expect(h.bars.map((b) => [b.date, b.close])).toEqual([
      ['2020-03-02', '298.81'],
      ['2020-03-03', '289.32'],
      ['2020-03-04', '302.74'],
      ['2020-03-05', '292.92'],
      ['2020-03-06', '289.03'],
    ]);
    const r = fixture.server.requestsFor('yahoo')[0];
    expect(r?.path).toBe('/yahoo/v8/finance/chart/AAPL');
    expect(r?.query).toMatchObject({ period1: '1583107200', period2: String(1583452800 + 86400), interval: '1d' });
  });

  it('drops null closes', async () => {
    fixture.server.setScenario('yahoo', 'null_closes');
    const h = await yahoo.dailyHistory(AAPL, '2020-03-02', '2020-03-06', ctx('yahoo'));
    expect(h.bars.map((b) => b.date)).toEqual(['2020-03-02', '2020-03-03', '2020-03-05', '2020-03-06']);
  });

  it('converts pence (GBp) to pounds exactly and reports GBP', async () => {
    fixture.server.setScenario('yahoo', 'pence');
    const h = await yahoo.dailyHistory({ assetClass: 'stock', symbol: 'VOD.L' }, '2020-03-02', '2020-03-06', ctx('yahoo'));
    expect(h.currency).toBe('GBP');
    expect(h.bars).toEqual([
      { date: '2020-03-02', open: '1.375', high: '1.3924', low: '1.3494', close: '1.3814', volume: '91232218' },
      { date: '2020-03-03', open: '1.383', high: '1.412', low: '1.3652', close: '1.3788', volume: '88151713' },
      { date: '2020-03-04', open: '1.3716', high: '1.409', low: '1.3674', close: '1.405', volume: '71830015' },
      { date: '2020-03-05', open: '1.405', high: '1.422', low: '1.3736', close: '1.3702', volume: '67001264' },
      { date: '2020-03-06', open: '1.367', high: '1.378', low: '1.3126', close: '1.3322', volume: '117385032' },
    ]);
    expect(fixture.server.requestsFor('yahoo')[0]?.path).toBe('/yahoo/v8/finance/chart/VOD.L');
  });

  it('latest', async () => {
    expect(await yahoo.latest(AAPL, ctx('yahoo'))).toEqual({ price: '289.03', currency: 'USD', date: '2020-03-06', ts: 1583528402_000 });
  });
});

describe('alpha vantage', () => {
  it('TIME_SERIES_DAILY strings as published', async () => {
    const h = await alphaVantage.dailyHistory({ assetClass: 'stock', symbol: 'IBM' }, '2020-03-02', '2020-03-06', ctx('alpha-vantage', 'k-av'));
    expect(h.currency).toBe('USD');
    expect(h.bars[0]).toEqual({ date: '2020-03-02', open: '130.7500', high: '134.6900', low: '128.3400', close: '134.3000', volume: '6376359' });
    expect(h.bars.map((b) => b.close)).toEqual(['134.3000', '128.9000', '134.2200', '130.5500', '127.7300']);
    expect(fixture.server.requestsFor('alpha-vantage')[0]?.query).toEqual({ function: 'TIME_SERIES_DAILY', symbol: 'IBM', outputsize: 'compact', apikey: 'k-av' });
  });

  it('FX_DAILY', async () => {
    const h = await alphaVantage.dailyHistory(FX, '2020-03-04', '2020-03-06', ctx('alpha-vantage', 'k'));
    expect(h).toEqual({
      currency: 'USD',
      bars: [
        { date: '2020-03-04', open: '1.11770', high: '1.11880', low: '1.10990', close: '1.11360' },
        { date: '2020-03-05', open: '1.11360', high: '1.12500', low: '1.11170', close: '1.12400' },
        { date: '2020-03-06', open: '1.12400', high: '1.13930', low: '1.12110', close: '1.12830' },
      ],
    });
  });

  it('latest via GLOBAL_QUOTE', async () => {
    expect(await alphaVantage.latest({ assetClass: 'stock', symbol: 'IBM' }, ctx('alpha-vantage', 'k'))).toEqual({ price: '127.7300', currency: 'USD', date: '2020-03-06' });
  });
});

describe('finnhub', () => {
  it('parses candles; key goes in a header, never the URL', async () => {
    const h = await finnhub.dailyHistory(AAPL, '2020-03-02', '2020-03-06', ctx('finnhub', 'k-fh'));
    expect(h.bars.map((b) => [b.date, b.close])).toEqual([
      ['2020-03-02', '298.81'],
      ['2020-03-03', '289.32'],
      ['2020-03-04', '302.74'],
      ['2020-03-05', '292.92'],
      ['2020-03-06', '289.03'],
    ]);
    expect(h.bars[0]).toEqual({ date: '2020-03-02', open: '282.28', high: '301.44', low: '277.72', close: '298.81', volume: '85349339' });
    const r = fixture.server.requestsFor('finnhub')[0];
    expect(r?.headers['x-finnhub-token']).toBe('k-fh');
    expect(JSON.stringify(r?.query)).not.toContain('k-fh');
  });

  it('latest via quote', async () => {
    expect(await finnhub.latest(AAPL, ctx('finnhub', 'k'))).toEqual({ price: '289.03', currency: 'USD', date: '2020-03-06', ts: 1583528400_000 });
  });
});
