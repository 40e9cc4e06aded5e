import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scaledPlain, scaledText, toScaled, withinScaled } from '../../main/activities/scaled.js';
import { D, toMoneyString } from '../../shared/money.js';

/** The import's scaled figures (main/activities/bulk.ts) against decimal.js, the slow path they stand for (fast-check). */
describe('activity scaled figures', () => {
  const digits = (max: number) => fc.stringMatching(new RegExp(`^\\d{1,${max}}$`));
  const text = fc.oneof(
    fc.tuple(fc.constantFrom('', '-'), digits(30), fc.option(digits(20), { nil: undefined })).map(([sign, int, frac]) => `${sign}${int}${frac === undefined ? '' : `.${frac}`}`),
    fc.constantFrom('0', '-0', '0.0', '-0.00', '00', '007.50', '1.000', '10', '0.5', '-12.345', '999999999999999.99', '1e5', '.5', '5.', '+1', ''),
  );
  const scale = fc.integer({ min: 0, max: 18 });

  it('toScaled reads a plain decimal with at most `scale` fraction digits exactly, and refuses anything else', () => {
    fc.assert(
      fc.property(text, scale, (s, k) => {
        const v = toScaled(s, k);
        const plain = /^-?\d+(\.\d+)?$/.test(s);
        const frac = s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
        if (!plain || frac > k) expect(v).toBeNull();
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
        for (const s of list) {
          const v = toScaled(s, k);
          if (v === null) continue;
          sum += v;
          dec = dec.plus(s);
        }
        expect(withinScaled(sum)).toBe(true);
        expect(scaledText(sum, k)).toBe(toMoneyString(dec, k));
        expect(scaledPlain(sum, k)).toBe(dec.toFixed());
        expect(sum < 0n).toBe(dec.isNegative() && !dec.isZero());
      }),
      { numRuns: 3000 },
    );
  });

  it('the limit is where decimal.js would start rounding (50 significant digits)', () => {
    expect(withinScaled(10n ** 49n - 1n)).toBe(true);
    expect(withinScaled(10n ** 49n)).toBe(false);
    expect(withinScaled(-(10n ** 49n))).toBe(false);
    const big = (10n ** 49n - 1n).toString();
    expect(new D(big).plus(0).toFixed()).toBe(big);
  });
});
