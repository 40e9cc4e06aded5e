import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalText, moneyText, negatedText } from '../../main/ledger/plan.js';
import { BigDecimal as D } from '../../shared/decimal/engine.js';

/** The plan's Decimal-free fast paths give exactly what decimal.js gives, for any decimal text (fast-check). */
describe('activity plan: decimal texts', () => {
  const digits = (max: number) => fc.stringMatching(new RegExp(`^\\d{1,${max}}$`));
  const text = fc.oneof(
    fc.tuple(fc.constantFrom('', '-'), digits(30), fc.option(digits(30), { nil: undefined })).map(([sign, int, frac]) => `${sign}${int}${frac === undefined ? '' : `.${frac}`}`),
    fc.constantFrom('0', '-0', '0.0', '-0.00', '00', '007.50', '1.000', '10', '0.5', '-12.345', '999999999999999.99'),
  );

  it('moneyText(s, minorUnit) is decimal.js\'s new D(s) at the minor unit, half-even', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 4 }), (s, minorUnit) => {
        expect(moneyText(s, minorUnit)).toBe(new D(s).toDecimalPlaces(minorUnit, D.ROUND_HALF_EVEN).toFixed(minorUnit));
      }),
      { numRuns: 2000 },
    );
  });

  it('decimalText(s) is new D(s).toFixed()', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(decimalText(s)).toBe(new D(s).toFixed());
      }),
      { numRuns: 2000 },
    );
  });
});

describe('activity plan: negated texts', () => {
  const digits = (max: number) => fc.stringMatching(new RegExp(`^\\d{1,${max}}$`));
  const text = fc.oneof(
    fc.tuple(fc.constantFrom('', '-'), digits(30), fc.option(digits(30), { nil: undefined })).map(([sign, int, frac]) => `${sign}${int}${frac === undefined ? '' : `.${frac}`}`),
    fc.constantFrom('0', '-0', '0.0', '-0.00', '00', '007.50', '1.000', '10', '0.5', '-12.345'),
  );

  it('negatedText(s) is new D(s).negated().toFixed()', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(negatedText(s)).toBe(new D(s).negated().toFixed());
      }),
      { numRuns: 2000 },
    );
  });
});
