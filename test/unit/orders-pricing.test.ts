import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BigDecimal as D } from '../../shared/decimal/engine.js';
import { estimateOrder, executionPrice, feeFor, orderValue } from '../../shared/orders/pricing.js';

describe('order value and estimated cost', () => {
  it('applies half the spread on each side and the fee schedule (hand-checked)', () => {
    // Mid 100, spread 20 bps → buy at 100 × 1.001 = 100.1, sell at 99.9.
    expect(executionPrice('buy', '100', '20').toFixed()).toBe('100.1');
    expect(executionPrice('sell', '100', '20').toFixed()).toBe('99.9');
    // 3 × 100.1 = 300.30; fee max(1.00, 0.1 % × 300.30 = 0.3003) = 1.00 → 301.30 to reserve.
    expect(estimateOrder({ side: 'buy', price: '100', spreadBps: '20', fee: { rate: '0.001', minimum: '1' }, minorUnit: 2, quantity: '3' })).toEqual({
      ok: true,
      data: { executionPrice: '100.1', quantity: '3', gross: '300.30', fee: '1.00', total: '301.30' },
    });
    // Sell 3 at 99.9 = 299.70 − 1.00 = 298.70 received.
    expect(estimateOrder({ side: 'sell', price: '100', spreadBps: '20', fee: { rate: '0.001', minimum: '1' }, minorUnit: 2, quantity: '3' })).toMatchObject({ ok: true, data: { gross: '299.70', total: '298.70' } });
    expect(orderValue('0.125', '10', 2)).toBe('1.25');
    expect(orderValue('0.0125', '10', 2)).toBe('0.12'); // 0.125 → half-even
    expect(feeFor('1000', { rate: '0.0025', fixed: '0.30' }, 2).toFixed(2)).toBe('2.80');
  });

  it('buys by amount with the fee inside the amount (hand-checked)', () => {
    // 5 USD of BTC at 50,000, fee 1 %: gross ≤ 5 / 1.01 = 4.950495… → 4.95; qty = 4.95 / 50000 = 0.000099;
    // gross 4.95, fee 0.0495 → 0.05 (half-even); total 5.00.
    expect(estimateOrder({ side: 'buy', price: '50000', fee: { rate: '0.01' }, minorUnit: 2, quantityDecimals: 8, amount: '5' })).toEqual({
      ok: true,
      data: { executionPrice: '50000', quantity: '0.000099', gross: '4.95', fee: '0.05', total: '5.00' },
    });
    // A minimum fee binds: 10 USD with min 1 → gross 9.00, whole shares of a 4.00 stock → 2 shares, 8.00 + 1.00.
    expect(estimateOrder({ side: 'buy', price: '4', fee: { rate: '0.001', minimum: '1' }, minorUnit: 2, quantityDecimals: 0, amount: '10' })).toMatchObject({ ok: true, data: { quantity: '2', total: '9.00' } });
  });

  it('refuses bad quantities and amounts with INVALID_AMOUNT', () => {
    const base = { side: 'buy' as const, price: '100', minorUnit: 2, quantityDecimals: 2 };
    for (const extra of [{ quantity: '0' }, { quantity: '-1' }, { quantity: '0.001' }, { quantity: '1e2' }, { amount: '0.001' }, { amount: '0.5', fee: { minimum: '1' } }, {}, { quantity: '1', amount: '1' }]) {
      const r = estimateOrder({ ...base, ...extra });
      expect(r.ok ? 'ok' : r.error.code, JSON.stringify(extra)).toBe('INVALID_AMOUNT');
    }
  });

  it('a buy by amount never costs more than the amount (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.bigInt({ min: 1n, max: 10n ** 16n }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 18 }),
        (cents, priceUnits, feeBps, minCents, spread, qd) => {
          const amount = (cents / 100).toFixed(2);
          const price = new D(priceUnits.toString()).dividedBy(1e8).toFixed();
          const r = estimateOrder({ side: 'buy', price, spreadBps: String(spread), fee: { rate: new D(feeBps).dividedBy(10_000).toFixed(), minimum: (minCents / 100).toFixed(2) }, minorUnit: 2, quantityDecimals: qd, amount });
          if (!r.ok) {
            expect(r.error.code).toBe('INVALID_AMOUNT');
            return;
          }
          expect(new D(r.data.total).lte(amount)).toBe(true);
          expect(new D(r.data.gross).plus(r.data.fee).toFixed(2)).toBe(r.data.total);
          expect(new D(r.data.quantity).decimalPlaces()).toBeLessThanOrEqual(qd);
        },
      ),
      { numRuns: 500 },
    );
  });
});
