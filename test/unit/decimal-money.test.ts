import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Amount } from '../../shared/contract/common.js';
import { dec, fractionDigits } from '../../shared/decimal/index.js';
import { BigDecimal as D } from '../../shared/decimal/engine.js';
import { DECIMAL_RE, minusAtScale, plusAtScale, roundCash, sumStrings, toMoneyString } from '../../shared/money.js';

describe('money helpers', () => {
  it('rounds half-even at the minor unit', () => {
    expect(toMoneyString(dec('0.125'), 2)).toBe('0.12');
    expect(toMoneyString(dec('0.135'), 2)).toBe('0.14');
    expect(toMoneyString(dec('0.1250000001'), 2)).toBe('0.13');
    expect(toMoneyString(dec('-0.125'), 2)).toBe('-0.12');
    expect(toMoneyString(dec('-0.135'), 2)).toBe('-0.14');
    expect(toMoneyString(dec('2.5'), 0)).toBe('2');
    expect(toMoneyString(dec('3.5'), 0)).toBe('4');
    expect(toMoneyString(dec('1.0005'), 3)).toBe('1.000');
    expect(toMoneyString(dec('1.0015'), 3)).toBe('1.002');
    expect(roundCash(dec('10.005'), 2).toFixed()).toBe('10');
    expect(roundCash(dec('10.015'), 2).toFixed()).toBe('10.02');
  });

  it('pads to exactly the minor unit and never uses exponent notation', () => {
    expect(toMoneyString(dec('70'), 2)).toBe('70.00');
    expect(toMoneyString(dec('1500'), 0)).toBe('1500');
    expect(toMoneyString(dec('0'), 3)).toBe('0.000');
    expect(toMoneyString(dec('999999999999999.99'), 2)).toBe('999999999999999.99');
    expect(toMoneyString(dec('1e21'), 2)).toBe('1000000000000000000000.00');
    expect(toMoneyString(dec('0.0000001'), 2)).toBe('0.00');
    expect(toMoneyString(dec('-0.001'), 2)).toMatch(/^-?0\.00$/);
  });

  it('adds exactly where binary floats do not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumStrings(['0.1', '0.2']).toFixed()).toBe('0.3');
    expect(sumStrings(['999999999999999.99', '0.01']).toFixed(2)).toBe('1000000000000000.00');
    expect(sumStrings(['0.000000000000000001', '1']).toFixed()).toBe('1.000000000000000001');
    expect(sumStrings([]).toFixed()).toBe('0');
  });

  it('sums random cent amounts exactly (integer-cent oracle)', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), { maxLength: 50 }), (cents) => {
        const strings = cents.map((c) => new D(c.toString()).dividedBy(100).toFixed(2));
        const expected = cents.reduce((a, b) => a + b, 0n);
        expect(sumStrings(strings).times(100).toFixed()).toBe(expected.toString());
      }),
      { numRuns: 500 },
    );
  });

  it('toMoneyString agrees with an integer half-even oracle', () => {
    // value = n / 10^k ; rounded to m digits with half-even using only bigint arithmetic.
    const oracle = (n: bigint, k: number, m: number): string => {
      const neg = n < 0n;
      let a = neg ? -n : n;
      if (k > m) {
        const div = 10n ** BigInt(k - m);
        const q = a / div;
        const r = a % div;
        const twice = 2n * r;
        a = twice > div || (twice === div && q % 2n === 1n) ? q + 1n : q;
      } else a = a * 10n ** BigInt(m - k);
      const s = a.toString().padStart(m + 1, '0');
      const body = m ? `${s.slice(0, -m)}.${s.slice(-m)}` : s;
      return neg && a !== 0n ? `-${body}` : body;
    };
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 4 }),
        (n, k, m) => {
          const value = dec(n.toString()).shift(-k);
          expect(value.toFixed()).toBe(new D(n.toString()).dividedBy(new D(10).pow(k)).toFixed());
          const got = toMoneyString(value, m);
          const want = oracle(n, k, m);
          // decimal.js keeps the sign of a negative value that rounds to zero ("-0.00"); compare magnitude then.
          expect(got.replace(/^-(0\.?0*)$/, '$1')).toBe(want);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('fractionDigits counts digits after the point', () => {
    expect(fractionDigits('12')).toBe(0);
    expect(fractionDigits('12.5')).toBe(1);
    expect(fractionDigits('0.000000000000000001')).toBe(18);
  });

  it('the amount grammar refuses floats, exponents, signs, blanks and zero', () => {
    const refused = ['0', '0.00', '-1', '+1', '1e3', '1E3', '1.', '.5', '01', ' 1', '1 ', '1,00', '0x10', 'NaN',
      'Infinity', '', '١٢', '1_000', '1234567890123456', '1.0000000000000000001', '9'.repeat(100000)];
    for (const s of refused) expect(Amount.safeParse(s).success, s.slice(0, 30)).toBe(false);
    for (const n of [1, 0.5, 1e3]) expect(Amount.safeParse(n).success).toBe(false);
    const accepted = ['1', '0.01', '100', '12.50', '999999999999999.999999999999999999', '0.000000000000000001'];
    for (const s of accepted) {
      expect(Amount.safeParse(s).success, s).toBe(true);
      expect(DECIMAL_RE.test(s)).toBe(true);
    }
  });

  it('dec never goes through a JS number', () => {
    expect(dec('0.1').plus(dec('0.2')).eq(dec('0.3'))).toBe(true);
    expect(dec('12345678901234567.89').toFixed(2)).toBe('12345678901234567.89');
  });
});

describe('sums at the scale of their terms', () => {
  it('keeps the longer fraction of the two, exactly', () => {
    expect(plusAtScale('10.10', '0.005')).toBe('10.105');
    expect(plusAtScale('0.1', '0.2')).toBe('0.3');
    expect(plusAtScale('99999999999999.99', '0.01')).toBe('100000000000000.00');
    expect(minusAtScale('10', '0.25')).toBe('9.75');
    expect(minusAtScale('1.50', '2')).toBe('-0.50');
  });
});
