import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BigDecimal as D } from '../../shared/decimal/engine.js';
import { allocate, allocateDecimal } from '../../shared/portfolio/allocation.js';
import { valuePortfolio, type Lookup } from '../../shared/portfolio/valuation.js';

const table = (rows: Record<string, Record<string, string>>): Lookup => (key, date) => rows[key]?.[date];

describe('valuation', () => {
  const prices = table({
    AAPL: { '2024-03-14': '170', '2024-03-15': '172.50' },
    SAP: { '2024-03-14': '175', '2024-03-15': '174' },
    'BTC-USD': { '2024-03-14': '70000', '2024-03-15': '68000' },
  });
  // EUR-USD: 1.09 on the 14th, 1.10 on the 15th, and an older 1.05 to show a past date gets its own rate.
  const fx = table({ 'EUR-USD': { '2024-03-01': '1.05', '2024-03-14': '1.09', '2024-03-15': '1.10' } });
  const assetClassOf = (s: string) => ({ AAPL: 'stock', SAP: 'stock', 'BTC-USD': 'crypto' })[s];
  const holdings = [
    { symbol: 'AAPL', currency: 'USD', quantity: '10', totalCost: '1500.00' },
    { symbol: 'SAP', currency: 'EUR', quantity: '4', totalCost: '600.00' },
    { symbol: 'BTC-USD', currency: 'USD', quantity: '0.01', totalCost: '500.00' },
  ];

  it('values holdings and cash in their currency and the base (hand-checked)', () => {
    const v = valuePortfolio({ date: '2024-03-15', baseCurrency: 'USD', holdings, cash: { USD: '100.00', EUR: '-10.00' }, assetClassOf, price: prices, fx });
    const by = Object.fromEntries(v.holdings.map((h) => [h.symbol, h]));
    // AAPL: 10 × 172.50 = 1725.00; unrealized 225.00; day change 10 × (172.50 − 170) = 25.00.
    expect(by.AAPL).toMatchObject({ marketValue: '1725.00', marketValueBase: '1725.00', unrealizedPnl: '225.00', unrealizedPnlRatio: '0.150000', dayChange: '25.00', dayChangeBase: '25.00' });
    // SAP: 4 × 174 = 696.00 EUR = 765.60 USD at 1.10; unrealized 96.00 EUR = 105.60 USD;
    // day change 696 − 700 = −4.00 EUR; in USD 765.60 − 700 × 1.09 (= 763.00) = 2.60 (the euro rose).
    expect(by.SAP).toMatchObject({ marketValue: '696.00', marketValueBase: '765.60', unrealizedPnl: '96.00', unrealizedPnlBase: '105.60', dayChange: '-4.00', dayChangeBase: '2.60' });
    // BTC: 0.01 × 68000 = 680.00; unrealized 180.00; day change −20.00.
    expect(by['BTC-USD']).toMatchObject({ marketValue: '680.00', unrealizedPnl: '180.00', dayChange: '-20.00' });
    // Cash: 100 USD + (−10 EUR × 1.10 = −11.00) = 89.00. Holdings 1725 + 765.60 + 680 = 3170.60.
    expect(v.cash).toEqual([
      { currency: 'EUR', amount: '-10.00', amountBase: '-11.00' },
      { currency: 'USD', amount: '100.00', amountBase: '100.00' },
    ]);
    expect(v.totals).toEqual({ holdingsBase: '3170.60', cashBase: '89.00', totalBase: '3259.60', unrealizedPnlBase: '510.60', dayChangeBase: '7.60' });
    expect(v.missing).toEqual({ prices: [], fx: [] });
  });

  it('allocations sum to exactly 1 and leave negative buckets out', () => {
    const v = valuePortfolio({ date: '2024-03-15', baseCurrency: 'USD', holdings, cash: { USD: '100.00', EUR: '-10.00' }, assetClassOf, price: prices, fx });
    for (const list of Object.values(v.allocation)) {
      expect(list.reduce((t, e) => t.plus(e.weight), new D(0)).toFixed()).toBe('1');
    }
    // By class: stock 2490.60, crypto 680.00, cash 89.00 (100 − 11); total 3259.60.
    expect(v.allocation.byAssetClass.map((e) => [e.key, e.value])).toEqual([['cash', '89.00'], ['crypto', '680.00'], ['stock', '2490.60']]);
    // By currency: EUR 765.60 − 11.00 = 754.60, USD 1725 + 680 + 100 = 2505.00.
    expect(v.allocation.byCurrency.map((e) => [e.key, e.value])).toEqual([['EUR', '754.60'], ['USD', '2505.00']]);
  });

  it('values a past date at that date\'s prices and FX rate, never today\'s', () => {
    const v = valuePortfolio({ date: '2024-03-01', baseCurrency: 'USD', holdings: [{ symbol: 'SAP', currency: 'EUR', quantity: '2', totalCost: '300.00' }], cash: { EUR: '1.00' }, price: () => '150', fx });
    expect(v.holdings[0]!.marketValueBase).toBe('315.00'); // 300 EUR × 1.05
    expect(v.cash[0]!.amountBase).toBe('1.05');
  });

  it('inverts the reverse pair and reports what it cannot value', () => {
    const v = valuePortfolio({
      date: '2024-03-15',
      baseCurrency: 'EUR',
      holdings: [{ symbol: 'AAPL', currency: 'USD', quantity: '1', totalCost: '100.00' }, { symbol: 'NOPE', currency: 'USD', quantity: '1', totalCost: '1.00' }],
      cash: { GBP: '5.00' },
      price: prices,
      fx,
    });
    expect(v.holdings[0]!.marketValueBase).toBe('156.82'); // 172.50 / 1.10 = 156.8181…
    expect(v.holdings[1]!.marketValue).toBeNull();
    expect(v.missing).toEqual({ prices: ['NOPE'], fx: ['GBP'] });
  });
});

describe('allocation rounding (largest remainder)', () => {
  it('gives thirds as 0.333334 / 0.333333 / 0.333333, the extra unit to the first key', () => {
    expect(allocate([{ key: 'B', value: '1' }, { key: 'A', value: '1' }, { key: 'C', value: '1' }]).map((e) => e.weight)).toEqual(['0.333334', '0.333333', '0.333333']);
    expect(allocate([{ key: 'A', value: '2' }, { key: 'B', value: '1' }], 2).map((e) => e.weight)).toEqual(['0.67', '0.33']);
    expect(allocate([{ key: 'A', value: '0' }, { key: 'B', value: '-5' }]).map((e) => e.weight)).toEqual(['0.000000', '0.000000']);
  });

  it('breaks an exact tie of remainders by the larger value, whatever the magnitudes', () => {
    // 1/12, 1/12 and 10/12: all three remainders are exactly 1/3 of a unit; the one missing unit goes to C.
    expect(allocate([{ key: 'A', value: '1' }, { key: 'B', value: '1' }, { key: 'C', value: '10' }]).map((e) => e.weight)).toEqual(['0.083333', '0.083333', '0.833334']);
  });

  it('gives what decimal.js gives wherever no two remainders tie exactly (BigInt vs decimal.js)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: -1000n, max: 10n ** 14n }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 4 }),
        (units, decimals, digits) => {
          const values = units.map((u) => new D(u.toString()).dividedBy(10 ** digits).toFixed(digits));
          // Exact remainders of value × 10^decimals / total; decimal.js may split exact ties by rounding noise.
          const total = units.reduce((t, u) => (u > 0n ? t + u : t), 0n);
          const rests = units.filter((u) => u > 0n).map((u) => (u * 10n ** BigInt(decimals)) % (total || 1n));
          fc.pre(new Set(rests).size === rests.length);
          const entries = values.map((value, i) => ({ key: `k${String(i).padStart(2, '0')}`, value }));
          expect(allocate(entries, decimals)).toEqual(allocateDecimal(entries, decimals));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('always sums to exactly 1 over random positive values', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -1000n, max: 10n ** 12n }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 8 }), (cents, decimals) => {
        const entries = cents.map((c, i) => ({ key: `k${i}`, value: new D(c.toString()).dividedBy(100).toFixed(2) }));
        const out = allocate(entries, decimals);
        const anyPositive = cents.some((c) => c > 0n);
        const sum = out.reduce((t, e) => t.plus(e.weight), new D(0));
        expect(sum.toFixed()).toBe(anyPositive ? '1' : '0');
        for (const e of out) expect(e.weight).toMatch(decimals ? new RegExp(`^[01]\\.\\d{${decimals}}$`) : /^[01]$/);
      }),
      { numRuns: 300 },
    );
  });
});
