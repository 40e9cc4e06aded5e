import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addScaled, Dec, DecimalError, mulScaled, parseScaled } from '../../shared/decimal/index.js';
import { BigDecimal as D } from '../../shared/decimal/engine.js';

/** A canonical decimal of either sign, up to `whole` integer and `frac` fraction digits (trailing zeros kept). */
const decimal = (whole: number, frac: number) =>
  fc
    .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** BigInt(whole) - 1n }), fc.integer({ min: 0, max: frac }), fc.bigInt({ min: 0n, max: 10n ** BigInt(frac) - 1n }))
    .map(([neg, w, digits, f]) => `${neg ? '-' : ''}${digits === 0 ? w : `${w}.${f.toString().padStart(frac, '0').slice(0, digits)}`}`)
    .filter((t) => t !== '-0');

describe('the exact decimal type against decimal.js', () => {
  it('parses only canonical text', () => {
    expect(parseScaled('12.50')).toEqual({ n: 1250n, s: 2 });
    expect(parseScaled('-0.5')).toEqual({ n: -5n, s: 1 });
    for (const bad of ['', '01', '1.', '.5', '1e3', '+1', ' 1', '1.5.5', 'NaN', '0x10']) expect(parseScaled(bad), bad).toBeUndefined();
  });

  it('formats like toFixed(dp) and toFixed(), half-even, never "-0.00" (hand-checked)', () => {
    expect(Dec.of('0.125').toFixed(2)).toBe('0.12');
    expect(Dec.of('0.135').toFixed(2)).toBe('0.14');
    expect(Dec.of('-0.125').toFixed(2)).toBe('-0.12');
    expect(Dec.of('-0.004').toFixed(2)).toBe('0.00');
    expect(Dec.of('7').toFixed(3)).toBe('7.000');
    expect(Dec.of('10.500').toFixed()).toBe('10.5');
    expect(Dec.of('100.00').toFixed()).toBe('100');
    expect(Dec.of('-0.0').toFixed()).toBe('0');
  });

  it('the bigint core gives up past 50 digits instead of differing, and the type then gives decimal.js\'s figure', () => {
    const text = `${'9'.repeat(30)}.${'9'.repeat(10)}`;
    const tiny = `0.${'0'.repeat(49)}1`;
    const big = parseScaled(text)!;
    expect(mulScaled(big, big)).toBeUndefined();
    expect(addScaled(parseScaled('1')!, parseScaled(tiny)!)).toBeUndefined();
    expect(Dec.of(text).times(text).toFixed()).toBe(new D(text).times(text).toFixed());
    expect(Dec.of('1').plus(tiny).toFixed()).toBe(new D('1').plus(tiny).toFixed());
  });

  it('add, sub, mul, compare, round and the formats equal decimal.js (property)', () => {
    fc.assert(
      fc.property(fc.oneof(decimal(15, 18), decimal(8, 8)), fc.oneof(decimal(15, 18), decimal(8, 8)), fc.integer({ min: 0, max: 18 }), (x, y, dp) => {
        const a = Dec.of(x);
        expect(parseScaled(x), x).toBeDefined();
        const dx = new D(x);
        expect(a.plus(y).toFixed(dp)).toBe(dx.plus(y).toDecimalPlaces(dp, D.ROUND_HALF_EVEN).toFixed(dp));
        expect(a.minus(y).toFixed(dp)).toBe(dx.minus(y).toDecimalPlaces(dp, D.ROUND_HALF_EVEN).toFixed(dp));
        // A product of two 33-digit values can pass 50 digits: then the core declines and decimal.js rounds it.
        if (mulScaled(parseScaled(x)!, parseScaled(y)!) === undefined) expect(x.replace(/[-.]/g, '').length + y.replace(/[-.]/g, '').length).toBeGreaterThan(50);
        const product = a.times(y);
        const reference = dx.times(y);
        expect(product.toFixed()).toBe(reference.toFixed());
        expect(product.round(dp).toFixed()).toBe(reference.toDecimalPlaces(dp).toFixed());
        expect(a.minus(y).toFixed()).toBe(dx.minus(y).toFixed());
        expect(a.cmp(y)).toBe(dx.comparedTo(y));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('the exact decimal type: its own rules', () => {
  it('reads exponent forms and leading zeros exactly, refuses junk, floats and huge exponents with a stable code', () => {
    expect(Dec.of('1.7e-7').toFixed()).toBe('0.00000017');
    expect(Dec.of('1e21').toFixed(2)).toBe('1000000000000000000000.00');
    expect(Dec.of('007.50').toFixed()).toBe('7.5');
    expect(Dec.of(20_000).toFixed()).toBe('20000');
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof DecimalError ? e.code : 'other';
      }
      return 'none';
    };
    for (const bad of ['', 'abc', 'NaN', 'Infinity', '1,5', '--1']) expect(code(() => Dec.of(bad)), bad).toBe('INVALID_DECIMAL');
    expect(code(() => Dec.of(0.5))).toBe('INVALID_DECIMAL');
    expect(code(() => Dec.of('1').div('0'))).toBe('INVALID_DECIMAL');
    expect(code(() => Dec.of('1e100000'))).toBe('DECIMAL_OUT_OF_RANGE');
    expect(Dec.tryOf('abc')).toBeUndefined();
    expect(Dec.tryOf('-0.50')?.toFixed()).toBe('-0.5');
  });

  it('divides as decimal.js does, exactly by powers of ten (property)', () => {
    fc.assert(
      fc.property(decimal(15, 18), fc.oneof(decimal(6, 6), fc.constantFrom('100', '0.01', '-1000', '20000', '3')), (x, y) => {
        fc.pre(!new D(y).isZero());
        expect(Dec.of(x).div(y).toFixed()).toBe(new D(x).dividedBy(y).toFixed());
        expect(Dec.of(x).div(y).roundSignificant(12).toFixed()).toBe(new D(x).dividedBy(y).toSignificantDigits(12, D.ROUND_HALF_EVEN).toFixed());
      }),
      { numRuns: 2000 },
    );
  });

  it('divides and rounds to significant digits as decimal.js does at any magnitude (property)', () => {
    // Up to 60 digits either side of the point, so quotients need rounding at 50 digits, carry into a new digit,
    // and land far from 1; ties are made likely by small divisors such as 2, 4, 8 and 16.
    const wide = fc
      .integer({ min: 1, max: 60 })
      .chain((digits) => fc.tuple(fc.boolean(), fc.bigInt({ min: 10n ** BigInt(digits - 1), max: 10n ** BigInt(digits) - 1n }), fc.integer({ min: 0, max: 60 })))
      .map(([neg, n, s]) => Dec.fromUnits(neg ? -n : n, s).toFixed());
    fc.assert(
      fc.property(wide, fc.oneof(wide, fc.constantFrom('2', '4', '8', '16', '-3', '7', '0.5', '3e-40', '9.99999')), fc.integer({ min: 1, max: 60 }), (x, y, sd) => {
        const q = Dec.of(x).div(y);
        expect(q.toFixed()).toBe(new D(x).dividedBy(y).toFixed());
        expect(q.roundSignificant(sd).toFixed()).toBe(new D(x).dividedBy(y).toSignificantDigits(sd, D.ROUND_HALF_EVEN).toFixed());
        expect(Dec.of(x).roundSignificant(sd).toFixed()).toBe(new D(x).toSignificantDigits(sd, D.ROUND_HALF_EVEN).toFixed());
      }),
      { numRuns: 3000 },
    );
    expect(Dec.of('1').div('3').toFixed()).toBe(`0.${'3'.repeat(50)}`);
    // Exact ties at the 51st digit: half-even keeps an even last digit and rounds an odd one up.
    for (const x of [`1${'0'.repeat(49)}1`, `1${'0'.repeat(49)}3`, `-1${'0'.repeat(49)}1`]) expect(Dec.of(x).div('2').toFixed()).toBe(new D(x).dividedBy(2).toFixed());
    expect(Dec.of(`1${'0'.repeat(49)}1`).div('2').toFixed()).toBe(`5${'0'.repeat(49)}`);
    expect(Dec.of('2').div('3').toFixed()).toBe(`0.${'6'.repeat(49)}7`);
    expect(Dec.of('-999.5').roundSignificant(3).toFixed()).toBe('-1000');
    expect(Dec.of('0.000125').roundSignificant(2).toFixed()).toBe('0.00012');
  });

  it('rounds down toward zero, counts decimal places of the shortest form, scales to units exactly', () => {
    expect(Dec.of('-1.239').round(2, 'down').toFixed()).toBe('-1.23');
    expect(Dec.of('1.239').round(2, 'down').toFixed()).toBe('1.23');
    expect(Dec.of('1.2350').round(2).toFixed()).toBe('1.24');
    expect(Dec.of('1.2250').round(2).toFixed()).toBe('1.22');
    expect(Dec.of('1.500').decimalPlaces()).toBe(1);
    expect(Dec.of('100').decimalPlaces()).toBe(0);
    expect(Dec.of('12.5').unitsAt(2)).toBe(1250n);
    expect(Dec.of('12.505').unitsAt(2)).toBeUndefined();
    expect(Dec.of('12.50').shift(3).toFixed()).toBe('12500');
    expect(Dec.of('12.5').shift(-3).toFixed()).toBe('0.0125');
    expect(Dec.sum(['0.1', '0.2', '-0.3']).isZero()).toBe(true);
    expect(Dec.of('-0.000').neg().toFixed(2)).toBe('0.00');
    expect(JSON.stringify({ v: Dec.of('1.50') })).toBe('{"v":"1.5"}');
  });
});
