import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { incomeReport, realizedReport, replayLots, taxYearRange, type IncomeEvent } from '../../shared/lots/index.js';
import { TAX_YEAR_EVENTS, TAX_YEAR_FX } from '../fixtures/lots-tax-year.js';

/** The hand-worked fixture (its arithmetic is in lots-examples.test.ts) through the tax-year reports. */
const closed = replayLots(TAX_YEAR_EVENTS).closed;
const base = { baseCurrency: 'EUR', fx: TAX_YEAR_FX };
const line = (r: object) => Object.values(r).join(' ');

describe('realized-gains report', () => {
  it('calendar 2024, every account: rows, terms and base totals to the cent', () => {
    const r = realizedReport(closed, { year: 2024, ...base });
    expect(r.rows.map(line)).toEqual([
      'ib AAPL 20 2023-03-01 2024-06-10 USD 2000.00 1501.00 1.67 497.33 long 1840.00 1410.94 427.52',
      'ib AAPL 4 2024-02-15 2024-06-10 USD 400.00 360.40 0.33 39.27 short 368.00 335.17 32.53',
      'uk VOD 400 2024-01-10 2024-09-20 GBP 274.00 286.92 3.00 -15.92 short 326.06 332.83 -10.34',
    ]);
    // 1840.00 + 368.00 + 326.06; 1410.94 + 335.17 + 332.83; 1.54 + 0.30 + 3.57; short 32.53 − 10.34.
    expect(r.totals).toEqual({ proceeds: '2534.06', cost: '2078.94', fees: '5.41', gain: '449.71', shortTermGain: '22.19', longTermGain: '427.52' });
    expect(r.missingFx).toEqual([]);
  });

  it('one account only', () => {
    const r = realizedReport(closed, { year: 2024, accountIds: ['uk'], ...base });
    expect(r.rows.map((x) => x.symbol)).toEqual(['VOD']);
    expect(r.totals).toEqual({ proceeds: '326.06', cost: '332.83', fees: '3.57', gain: '-10.34', shortTermGain: '-10.34', longTermGain: '0.00' });
  });

  it('a tax year from 6 April takes in the January 2025 sell', () => {
    const r = realizedReport(closed, { year: 2024, taxYearStart: { month: 4, day: 6 }, ...base });
    expect(r.rows.at(-1)).toMatchObject({ sold: '2025-01-05', quantity: '6', baseProceeds: '604.80', baseCost: '502.76', baseGain: '102.04', term: 'short' });
    expect(r.totals).toEqual({ proceeds: '3138.86', cost: '2581.70', fees: '5.41', gain: '551.75', shortTermGain: '124.23', longTermGain: '427.52' });
  });

  it('a longer holding period makes the 467-day lot short term', () => {
    const r = realizedReport(closed, { year: 2024, holdingDays: 500, ...base });
    expect(r.totals.shortTermGain).toBe('449.71');
    expect(r.totals.longTermGain).toBe('0.00');
  });

  it('a sale whose rate is unknown is listed, named and left out of the base totals', () => {
    const r = realizedReport(closed, { year: 2025, ...base, fx: (f, t, d) => (d === '2025-01-05' ? undefined : TAX_YEAR_FX(f, t, d)) });
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]!.baseGain).toBeNull();
    expect(r.rows[0]!.gain).toBe('89.40');
    expect(r.missingFx).toEqual([{ currency: 'USD', date: '2025-01-05' }]);
    expect(r.totals.gain).toBe('0.00');
  });

  it('refuses a tax year start that not every year has', () => {
    expect(() => taxYearRange(2024, { month: 2, day: 29 })).toThrow(AppError);
    expect(() => taxYearRange(2024, { month: 13, day: 1 })).toThrow(AppError);
    expect(taxYearRange(2024, { month: 4, day: 6 })).toEqual({ from: '2024-04-06', until: '2025-04-06' });
  });
});

describe('income report', () => {
  const events: IncomeEvent[] = [
    { accountId: 'ib', date: '2023-12-31', type: 'dividend', currency: 'USD', amount: '99.00', symbol: 'AAPL' },
    { accountId: 'uk', date: '2024-01-10', type: 'fee', currency: 'EUR', amount: '2.50' },
    { accountId: 'ib', date: '2024-06-10', type: 'dividend', currency: 'USD', amount: '12.34', symbol: 'AAPL' },
    { accountId: 'ib', date: '2024-07-01', type: 'interest', currency: 'USD', amount: '1.00' },
    { accountId: 'uk', date: '2024-09-20', type: 'interest', currency: 'GBP', amount: '5' },
  ];

  it('dividends, interest and fees of the year, each at its own date\'s rate', () => {
    const r = incomeReport(events, { year: 2024, ...base });
    expect(r.rows.map(line)).toEqual([
      'uk 2024-01-10 fee  EUR 2.50 2.50',
      'ib 2024-06-10 dividend AAPL USD 12.34 11.35',
      'ib 2024-07-01 interest  USD 1.00 ',
      'uk 2024-09-20 interest  GBP 5.00 5.95',
    ]);
    // 12.34 × 0.92 = 11.3528 → 11.35; 5 × 1.19 = 5.95; net 11.35 + 5.95 − 2.50.
    expect(r.totals).toEqual({ dividends: '11.35', interest: '5.95', fees: '2.50', net: '14.80' });
    expect(r.missingFx).toEqual([{ currency: 'USD', date: '2024-07-01' }]);
  });
});
