import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, formatFixed, formatPlain, parseUnits, withinDigits } from '../../shared/decimal/index.js';
import { BigDecimal as D } from '../../shared/decimal/engine.js';
import { toMoneyString } from '../../shared/money.js';

/** Figures as integers at a fixed scale (the bigint core of shared/decimal/) against decimal.js (fast-check). */
describe('scaled figures', () => {
  const digits = (max: number) => fc.stringMatching(new RegExp(`^\\d{1,${max}}$`));
  const text = fc.oneof(
    fc.tuple(fc.constantFrom('', '-'), digits(30), fc.option(digits(20), { nil: undefined })).map(([sign, int, frac]) => `${sign}${int}${frac === undefined ? '' : `.${frac}`}`),
    fc.constantFrom('0', '-0', '0.0', '-0.00', '00', '007.50', '1.000', '10', '0.5', '-12.345', '999999999999999.99', '1e5', '.5', '5.', '+1', ''),
  );
  const scale = fc.integer({ min: 0, max: 18 });

  it('parseUnits reads a plain decimal with at most `scale` fraction digits exactly, and refuses anything else', () => {
    fc.assert(
      fc.property(text, scale, (s, k) => {
        const v = parseUnits(s, k);
        const plain = /^-?(0|[1-9]\d*)(\.\d+)?$/.test(s);
        const frac = s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
        if (!plain || frac > k) expect(v).toBeUndefined();
        else expect(new D(v!.toString()).div(new D(10).pow(k)).eq(new D(s))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('sums and differences of scaled figures print as decimal.js prints them (toMoneyString, toFixed)', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 8 }), scale, (list, k) => {
        let sum = 0n;
        let dec = new D(0);
        let value = Dec.ZERO;
        for (const s of list) {
          const v = parseUnits(s, k);
          if (v === undefined) continue;
          sum += v;
          dec = dec.plus(s);
          value = value.plus(s);
        }
        expect(withinDigits(sum)).toBe(true);
        expect(formatFixed(sum, k, k)).toBe(dec.toDecimalPlaces(k, D.ROUND_HALF_EVEN).toFixed(k));
        expect(formatPlain(sum, k)).toBe(dec.toFixed());
        expect(toMoneyString(value, k)).toBe(dec.toDecimalPlaces(k, D.ROUND_HALF_EVEN).toFixed(k));
        expect(value.toFixed()).toBe(dec.toFixed());
        expect(sum < 0n).toBe(dec.isNegative() && !dec.isZero());
      }),
      { numRuns: 3000 },
    );
  });

  it('the limit is where decimal.js would start rounding (50 significant digits)', () => {
    expect(withinDigits(10n ** 50n - 1n)).toBe(true);
    expect(withinDigits(10n ** 50n)).toBe(false);
    expect(withinDigits(-(10n ** 50n))).toBe(false);
    const big = (10n ** 50n - 1n).toString();
    expect(new D(big).plus(0).toFixed()).toBe(big);
    expect(new D(big).plus(1).toFixed()).toBe((10n ** 50n).toString());
    expect(new D(big).plus(big).toFixed()).not.toBe((2n * (10n ** 50n - 1n)).toString());
  });
});
