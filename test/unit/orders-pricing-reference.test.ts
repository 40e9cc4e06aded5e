import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BigDecimal as D } from '../../shared/decimal/engine.js';
import { beyondLimit, estimateOrder, executionPrice, fillAt } from '../../shared/orders/pricing.js';
import { PaperVenue } from '../../main/orders/venue.js';
import { estimateOrderDecimal, executionPriceDecimal, feeForDecimal } from '../support/pricing-reference.js';

/** A canonical positive decimal with up to `whole` integer and `frac` fraction digits (trailing zeros kept). */
const decimal = (whole: number, frac: number) =>
  fc
    .tuple(fc.bigInt({ min: 0n, max: 10n ** BigInt(whole) - 1n }), fc.integer({ min: 0, max: frac }), fc.bigInt({ min: 0n, max: 10n ** BigInt(frac) - 1n }))
    .map(([w, digits, f]) => (digits === 0 ? w.toString() : `${w}.${f.toString().padStart(frac, '0').slice(0, digits)}`));

/** The reference: the pricing in decimal.js alone (test/support/pricing-reference.ts), step by step as the paper venue fills. */
function decimalFill(side: 'buy' | 'sell', mid: string, spreadBps: string, fee: { rate?: string; minimum?: string; fixed?: string }, minorUnit: number, quantity: string) {
  const price = executionPriceDecimal(side, mid, spreadBps);
  const gross = new D(quantity).times(price).toDecimalPlaces(minorUnit, D.ROUND_HALF_EVEN);
  const f = feeForDecimal(gross, fee, minorUnit);
  return { price: price.toFixed(), gross: gross.toFixed(minorUnit), fee: f.toFixed(minorUnit), total: (side === 'buy' ? gross.plus(f) : gross.minus(f)).toFixed(minorUnit) };
}

/** shared/orders/pricing.ts's fill with its price as text. */
function exactFill(input: Parameters<typeof fillAt>[0]) {
  const f = fillAt(input);
  return { price: f.price.toFixed(), gross: f.gross, fee: f.fee, total: f.total };
}

describe('market-order pricing on the exact decimal type', () => {
  it('matches decimal.js on hand-checked cases', () => {
    // Mid 100, spread 20 bps → buy at 100.1; 3 × 100.1 = 300.30; fee max(1.00, 0.3003) = 1.00 → 301.30.
    expect(exactFill({ side: 'buy', mid: '100', spreadBps: '20', fee: { rate: '0.001', minimum: '1' }, minorUnit: 2, quantity: '3' })).toMatchObject({
      price: '100.1',
      gross: '300.30',
      fee: '1.00',
      total: '301.30',
    });
    // An odd spread: 7 bps → half is 3.5 bps; 200 × 0.99965 = 199.93 (sell); 1.005 × 1.00035 = 1.00535175 → 1.0053517500.
    expect(exactFill({ side: 'sell', mid: '200.00', spreadBps: '7', minorUnit: 2, quantity: '1' })).toMatchObject({ price: '199.93', gross: '199.93', fee: '0.00', total: '199.93' });
    expect(exactFill({ side: 'buy', mid: '1.005', spreadBps: '7', minorUnit: 2, quantity: '2' })).toMatchObject({ price: '1.00535175', gross: '2.01' });
    // Half-even at the minor unit: 0.0125 × 10 = 0.125 → 0.12; 0.0135 × 10 → 0.14.
    expect(exactFill({ side: 'buy', mid: '10', minorUnit: 2, quantity: '0.0125' })?.gross).toBe('0.12');
    expect(exactFill({ side: 'buy', mid: '10', minorUnit: 2, quantity: '0.0135' })?.gross).toBe('0.14');
    // A sell whose fee exceeds its gross receives a negative total, as decimal.js computes it.
    expect(exactFill({ side: 'sell', mid: '1', fee: { minimum: '5' }, minorUnit: 2, quantity: '1' })?.total).toBe('-4.00');
    expect(beyondLimit('buy', executionPrice('buy', '100', '20'), '100.09')).toBe(true);
    expect(beyondLimit('buy', executionPrice('buy', '100', '20'), '100.10')).toBe(false);
    expect(beyondLimit('sell', executionPrice('sell', '100', '20'), '99.91')).toBe(true);
  });

  it('non-canonical input or more than 50 digits: still the decimal.js figures (the type falls back inside)', () => {
    const cases = [
      { side: 'buy' as const, mid: '1e2', spreadBps: '0', fee: {}, minorUnit: 2, quantity: '1' },
      { side: 'buy' as const, mid: '100', spreadBps: '0', fee: {}, minorUnit: 2, quantity: '01' },
      { side: 'buy' as const, mid: '100', spreadBps: '0', fee: { rate: '-0.1' }, minorUnit: 2, quantity: '1' },
      { side: 'buy' as const, mid: `${'9'.repeat(30)}.${'9'.repeat(10)}`, spreadBps: '0', fee: {}, minorUnit: 2, quantity: `${'9'.repeat(15)}.${'9'.repeat(10)}` },
    ];
    for (const c of cases) expect(exactFill(c), JSON.stringify(c)).toEqual(decimalFill(c.side, c.mid, c.spreadBps, c.fee, c.minorUnit, c.quantity));
  });

  it('equals the decimal.js fill for random prices, spreads, fees and quantities (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('buy' as const, 'sell' as const),
        decimal(9, 10),
        decimal(3, 3),
        decimal(1, 6),
        decimal(3, 4),
        decimal(2, 2),
        fc.integer({ min: 0, max: 8 }),
        decimal(12, 18),
        (side, mid, spreadBps, rate, minimum, fixed, minorUnit, quantity) => {
          fc.pre(!new D(quantity).isZero() && new D(spreadBps).lt(20_000));
          const fee = { rate, minimum, fixed };
          expect(exactFill({ side, mid, spreadBps, fee, minorUnit, quantity })).toEqual(decimalFill(side, mid, spreadBps, fee, minorUnit, quantity));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('estimateOrder and the paper venue give what decimal.js gives, refusals included (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('buy' as const, 'sell' as const),
        fc.oneof(decimal(7, 6), fc.constantFrom('0', '0.00', '-1', '1e3', '')),
        decimal(2, 1),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 18 }),
        fc.oneof(decimal(6, 10), fc.constantFrom('0', '0.000', '-2', '1.', '.5')),
        fc.option(decimal(7, 6), { nil: undefined }),
        (side, price, spreadBps, minorUnit, quantityDecimals, quantity, limit) => {
          const input = { side, price, spreadBps, fee: { rate: '0.001', minimum: '1' }, minorUnit, quantityDecimals, quantity };
          expect(estimateOrder(input)).toEqual(estimateOrderDecimal(input));
          const reference = estimateOrderDecimal(input);
          if (!reference.ok) return;
          const venue = new PaperVenue(() => ({ spreadBps, fee: input.fee }));
          const r = venue.execute({ symbol: 'X', side, quantity: reference.data.quantity, mid: price, minorUnit, limit });
          const worse = limit !== undefined && (side === 'buy' ? new D(reference.data.executionPrice).gt(limit) : new D(reference.data.executionPrice).lt(limit));
          if (worse) expect(r).toEqual({ ok: false, reason: `the price ${reference.data.executionPrice} is beyond the limit ${limit}` });
          else expect(r.ok && { price: r.fill.price, gross: r.fill.gross, fee: r.fill.fee }).toEqual({ price: reference.data.executionPrice, gross: reference.data.gross, fee: reference.data.fee });
        },
      ),
      { numRuns: 3000 },
    );
  });
});
