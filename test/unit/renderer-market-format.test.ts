import { describe, expect, it } from 'vitest';
import { ageText } from '../../renderer/src/format/age.js';
import { describePath } from '../../renderer/src/format/fx-path.js';
import { formatProviderSymbols, parseProviderSymbols } from '../../renderer/src/format/provider-symbols.js';
import { formatDay, formatPrice, formatRate, isWeekend, todayIso } from '../../renderer/src/format/rates.js';
import { extremes, toChartPoints } from '../../renderer/src/format/series.js';

describe('renderer rate and price formatting', () => {
  it('formats rates as published, in the locale, without float rounding', () => {
    expect(formatRate('1.1147', 'en-US')).toBe('1.1147');
    expect(formatRate('1.1147', 'de-DE')).toBe('1,1147');
    expect(formatRate('119.6', 'en-US')).toBe('119.60');
    expect(formatRate('0.123456789123', 'en-US')).toBe('0.12345679');
    // 17 significant digits survive (a float would not)
    expect(formatRate('12345678901.234567', 'en-US')).toBe('12,345,678,901.234567');
  });

  it('formats prices with the decimals they came with', () => {
    expect(formatPrice('64250.5', 'en-US')).toBe('64,250.50');
    expect(formatPrice('0.00001234', 'en-US')).toBe('0.00001234');
    expect(formatPrice('189.1234', 'de-CH')).toBe('189.1234');
    expect(formatPrice('not a number', 'en-US')).toBe('not a number');
  });

  it('reads calendar days in UTC and knows weekends', () => {
    expect(formatDay('2020-03-04', 'en-US')).toBe('Mar 4, 2020');
    expect(formatDay('2020-03-04', 'de-DE')).toBe('04.03.2020');
    expect(isWeekend('2020-03-07')).toBe(true);
    expect(isWeekend('2020-03-06')).toBe(false);
    expect(todayIso(Date.UTC(2026, 10, 22, 23, 59))).toBe('2026-11-22');
  });
});

describe('price age', () => {
  const now = 1_700_000_000_000;
  it('counts seconds, minutes, hours and days', () => {
    expect(ageText(null, now)).toBe('never');
    expect(ageText(now - 400, now)).toBe('just now');
    expect(ageText(now - 3_200, now)).toBe('3 s ago');
    expect(ageText(now - 4 * 60_000, now)).toBe('4 min ago');
    expect(ageText(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(ageText(now - 5 * 86_400_000, now)).toBe('5 d ago');
  });
});

describe('conversion path', () => {
  it('says direct, inverse or via a pivot', () => {
    expect(describePath('EUR', 'USD', ['EUR-USD'])).toEqual({ via: null, inverted: false, text: 'direct EUR→USD rate' });
    expect(describePath('USD', 'EUR', ['EUR-USD⁻¹']).text).toBe('inverse of the stored EUR→USD rate');
    expect(describePath('GBP', 'JPY', ['GBP-USD', 'USD-JPY'])).toMatchObject({ via: 'USD', text: 'via USD' });
    expect(describePath('GBP', 'JPY', ['EUR-GBP⁻¹', 'EUR-JPY'])).toMatchObject({ via: 'EUR', inverted: true, text: 'via EUR' });
    expect(describePath('EUR', 'EUR', []).text).toBe('same currency');
  });
});

describe('provider symbols lines', () => {
  it('parses provider=symbol lines and round-trips', () => {
    const r = parseProviderSymbols('yahoo=VOD.L\n\n alpha-vantage = VOD.LON \r\n');
    expect(r).toEqual({ ok: true, value: { yahoo: 'VOD.L', 'alpha-vantage': 'VOD.LON' } });
    expect(formatProviderSymbols({ yahoo: 'VOD.L', 'alpha-vantage': 'VOD.LON' })).toBe('yahoo=VOD.L\nalpha-vantage=VOD.LON');
    expect(parseProviderSymbols('')).toEqual({ ok: true, value: {} });
  });

  it('says which line is wrong', () => {
    expect(parseProviderSymbols('yahoo VOD.L')).toMatchObject({ ok: false, message: expect.stringContaining('Line 1') });
    expect(parseProviderSymbols('yahoo=A\nYahoo=B')).toMatchObject({ ok: false, message: expect.stringContaining('Line 2') });
    expect(parseProviderSymbols('yahoo=A\nyahoo=B')).toMatchObject({ ok: false, message: expect.stringContaining('twice') });
    expect(parseProviderSymbols('yahoo=')).toMatchObject({ ok: false });
  });
});

describe('chart points', () => {
  const pts = Array.from({ length: 2000 }, (_, i) => ({
    date: `d${String(i).padStart(4, '0')}`,
    rate: (1 + i / 10000).toFixed(4),
    publishedDate: `d${i}`,
    filled: false,
    source: 'ecb',
  }));
  it('thins long series and keeps the last point', () => {
    const out = toChartPoints(pts, 800);
    expect(out.length).toBeLessThanOrEqual(801);
    expect(out[out.length - 1]!.date).toBe('d1999');
    expect(out[0]!.rate).toBe('1.0000');
  });
  it('finds low and high by value, keeping the published strings', () => {
    const ext = extremes(toChartPoints([{ ...pts[0]!, rate: '1.20' }, { ...pts[1]!, rate: '0.95' }, { ...pts[2]!, rate: '1.5' }]));
    expect(ext?.low.rate).toBe('0.95');
    expect(ext?.high.rate).toBe('1.5');
    expect(extremes([])).toBeNull();
  });
});
