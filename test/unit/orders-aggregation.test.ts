import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BigDecimal as D } from '../../shared/decimal/engine.js';
import { addToBook, bookQuantity, bookValueUsd, flushDecision, isSmallOrder, removeFromBook, splitFill, type BookKey } from '../../shared/orders/aggregation.js';
import { splitProRata } from '../../shared/orders/pro-rata.js';

const KEY: BookKey = { venue: 'paper', symbol: 'BTC-USD', side: 'buy' };

describe('aggregation book', () => {
  it('collects small orders until the threshold (the E2E story: 5 USD then 6 USD of BTC)', () => {
    expect(isSmallOrder('5')).toBe(true);
    expect(isSmallOrder('10')).toBe(false);
    let book = addToBook(undefined, KEY, { orderId: 'a', quantity: '0.0001', valueUsd: '5' }, 1_000);
    expect(flushDecision(book, 2_000)).toEqual({ due: false, closesAt: 61_000 });
    book = addToBook(book, KEY, { orderId: 'b', quantity: '0.00012', valueUsd: '6' }, 3_000);
    expect(addToBook(book, KEY, { orderId: 'b', quantity: '0.00012', valueUsd: '6' }, 3_001)).toBe(book); // a replay adds nothing
    expect(bookValueUsd(book)).toBe('11');
    expect(bookQuantity(book)).toBe('0.00022');
    expect(flushDecision(book, 3_000)).toEqual({ due: true, reason: 'threshold' });
  });

  it('is due when its window closes, counted from the first order; a cancel removes the member', () => {
    let book = addToBook(undefined, KEY, { orderId: 'a', quantity: '1', valueUsd: '2' }, 0);
    book = addToBook(book, KEY, { orderId: 'b', quantity: '1', valueUsd: '2' }, 50_000);
    expect(flushDecision(book, 59_999, { thresholdUsd: '10', windowMs: 60_000 })).toMatchObject({ due: false });
    expect(flushDecision(book, 60_000, { thresholdUsd: '10', windowMs: 60_000 })).toEqual({ due: true, reason: 'window' });
    expect(removeFromBook(book, 'a')!.members.map((m) => m.orderId)).toEqual(['b']);
    expect(removeFromBook(removeFromBook(book, 'a')!, 'b')).toBeUndefined();
    expect(() => addToBook(book, { ...KEY, side: 'sell' }, { orderId: 'c', quantity: '1', valueUsd: '1' }, 1)).toThrow(RangeError);
  });

  it('splits one fill at the average price, parts summing exactly (hand-checked)', () => {
    // Members asked 0.0001 and 0.00012 BTC; the venue filled 0.00022 for 11.02 gross and 0.03 fee.
    // Quantities: exactly as asked. Gross pro rata 10:12 → 11.02 × 10/22 = 5.00909… → 5.00 and 6.01090… → 6.01;
    // 0.01 missing goes to the larger remainder (0.909 of a cent vs 0.0909) → 5.01 / 6.01.
    // Fee 0.03 × 10/22 = 0.01363… and 0.01636… → 0.01 / 0.01, one cent missing → larger remainder: 0.01 / 0.02.
    const parts = splitFill([{ orderId: 'a', quantity: '0.0001' }, { orderId: 'b', quantity: '0.00012' }], { quantity: '0.00022', gross: '11.02', fee: '0.03' }, { quantityDecimals: 8, minorUnit: 2 });
    expect(parts).toEqual([
      { orderId: 'a', quantity: '0.00010000', gross: '5.01', fee: '0.01' },
      { orderId: 'b', quantity: '0.00012000', gross: '6.01', fee: '0.02' },
    ]);
  });

  it('gives leftover units to the largest remainder, ties to the biggest order, then the earliest', () => {
    expect(splitProRata('1', ['1', '1', '1'], 2)).toEqual(['0.34', '0.33', '0.33']);
    expect(splitProRata('1', ['1', '2', '2'], 0)).toEqual(['0', '1', '0']); // remainders .2/.4/.4 → tie → larger weight, then earlier
    expect(splitProRata('0.05', ['3', '1'], 2)).toEqual(['0.04', '0.01']); // 0.0375 → 0.03 + 1 unit (rest .75 > .25)
    expect(splitProRata('10', ['0', '5'], 2)).toEqual(['0.00', '10.00']);
    expect(() => splitProRata('1.001', ['1'], 2)).toThrow(RangeError);
    expect(() => splitProRata('1', ['0', '0'], 2)).toThrow(RangeError);
  });

  it('pro-rata parts always sum exactly to the total and stay within one unit of the exact share (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.integer({ min: 0, max: 18 }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 20n }), { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 0, max: 10 }),
        (totalUnits, decimals, rawWeights, wdp) => {
          if (!rawWeights.some((w) => w > 0n)) rawWeights[0] = 1n;
          const total = new D(totalUnits.toString()).dividedBy(new D(10).pow(decimals)).toFixed(decimals);
          const weights = rawWeights.map((w) => new D(w.toString()).dividedBy(new D(10).pow(wdp)).toFixed());
          const parts = splitProRata(total, weights, decimals);
          expect(parts.reduce((t, p) => t.plus(p), new D(0)).toFixed(decimals)).toBe(total);
          const sum = weights.reduce((t, w) => t.plus(w), new D(0));
          parts.forEach((p, i) => {
            expect(p).toMatch(/^\d+(\.\d+)?$/);
            const exact = new D(total).times(weights[i]!).dividedBy(sum);
            expect(new D(p).minus(exact).abs().lt(new D(10).pow(-decimals))).toBe(true);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('fill parts sum exactly for any fill (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: 10n ** 12n }), { minLength: 1, maxLength: 20 }), fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.integer({ min: 0, max: 500 }), (qs, fillUnits, grossCents, feeCents) => {
        const members = qs.map((q, i) => ({ orderId: `o${i}`, quantity: new D(q.toString()).dividedBy(1e8).toFixed() }));
        const fill = { quantity: new D(fillUnits.toString()).dividedBy(1e8).toFixed(8), gross: new D(grossCents.toString()).dividedBy(100).toFixed(2), fee: (feeCents / 100).toFixed(2) };
        const parts = splitFill(members, fill, { quantityDecimals: 8, minorUnit: 2 });
        for (const k of ['quantity', 'gross', 'fee'] as const) {
          expect(parts.reduce((t, p) => t.plus(p[k]), new D(0)).toFixed()).toBe(new D(fill[k]).toFixed());
        }
      }),
      { numRuns: 300 },
    );
  });
});
