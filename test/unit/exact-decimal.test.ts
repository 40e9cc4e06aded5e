import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, compare, mul, round, scaled, sub, toFixed, toPlain } from '../../shared/exact-decimal.js';
import { D } from '../../shared/money.js';

/** A canonical decimal of either sign, up to `whole` integer and `frac` fraction digits (trailing zeros kept). */
const decimal = (whole: number, frac: number) =>
  fc
    .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** BigInt(whole) - 1n }), fc.integer({ min: 0, max: frac }), fc.bigInt({ min: 0n, max: 10n ** BigInt(frac) - 1n }))
    .map(([neg, w, digits, f]) => `${neg ? '-' : ''}${digits === 0 ? w : `${w}.${f.toString().padStart(frac, '0').slice(0, digits)}`}`)
    .filter((t) => t !== '-0');

describe('exact decimals (the order path) against decimal.js', () => {
  it('parses only canonical text', () => {
    expect(scaled('12.50')).toEqual({ n: 1250n, s: 2 });
    expect(scaled('-0.5')).toEqual({ n: -5n, s: 1 });
    for (const bad of ['', '01', '1.', '.5', '1e3', '+1', ' 1', '1.5.5', 'NaN', '0x10']) expect(scaled(bad), bad).toBeUndefined();
  });

  it('formats like toFixed(dp) and toFixed(), half-even, never "-0.00" (hand-checked)', () => {
    expect(toFixed(scaled('0.125')!, 2)).toBe('0.12');
    expect(toFixed(scaled('0.135')!, 2)).toBe('0.14');
    expect(toFixed(scaled('-0.125')!, 2)).toBe('-0.12');
    expect(toFixed(scaled('-0.004')!, 2)).toBe('0.00');
    expect(toFixed(scaled('7')!, 3)).toBe('7.000');
    expect(toPlain(scaled('10.500')!)).toBe('10.5');
    expect(toPlain(scaled('100.00')!)).toBe('100');
    expect(toPlain(scaled('-0.0')!)).toBe('0');
  });

  it('gives up past 50 digits instead of differing', () => {
    const big = scaled(`${'9'.repeat(30)}.${'9'.repeat(10)}`)!;
    expect(mul(big, big)).toBeUndefined();
    expect(add(scaled('1')!, scaled(`0.${'0'.repeat(49)}1`)!)).toBeUndefined();
  });

  it('add, sub, mul, compare, round and the formats equal decimal.js (property)', () => {
    fc.assert(
      fc.property(fc.oneof(decimal(15, 18), decimal(8, 8)), fc.oneof(decimal(15, 18), decimal(8, 8)), fc.integer({ min: 0, max: 18 }), (x, y, dp) => {
        const a = scaled(x)!;
        const b = scaled(y)!;
        expect(a, x).toBeDefined();
        const dx = new D(x);
        expect(toFixed(add(a, b)!, dp)).toBe(dx.plus(y).toDecimalPlaces(dp, D.ROUND_HALF_EVEN).toFixed(dp));
        expect(toFixed(sub(a, b)!, dp)).toBe(dx.minus(y).toDecimalPlaces(dp, D.ROUND_HALF_EVEN).toFixed(dp));
        // A product of two 33-digit values can pass 50 digits: then mul declines (and decimal.js would round).
        const product = mul(a, b);
        if (product === undefined) expect(x.replace(/[-.]/g, '').length + y.replace(/[-.]/g, '').length).toBeGreaterThan(50);
        else {
          expect(toPlain(product)).toBe(dx.times(y).toFixed());
          expect(toPlain(round(product, dp))).toBe(dx.times(y).toDecimalPlaces(dp).toFixed());
        }
        expect(toPlain(sub(a, b)!)).toBe(dx.minus(y).toFixed());
        expect(compare(a, b)).toBe(dx.comparedTo(y));
      }),
      { numRuns: 5000 },
    );
  });
});
