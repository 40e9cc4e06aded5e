import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, isPlainNumber, neutralise, type Column } from '../../main/export/columns.js';
import { csvField } from '../../main/export/csv-format.js';
import { convert, Converter } from '../../main/history/rates.js';

/**
 * The export's hand-written fast paths against the plain definitions they replace: each must give the same answer
 * on every input, including the ones it hands over to the slow path.
 */
const NUMBER_RE = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const QUOTES_RE = /[",\r\n]/;

/** Strings over an alphabet that makes the interesting cases common (signs, dots, exponents, quotes, formula starts). */
const from = (chars: string, maxLength = 12) => fc.array(fc.constantFrom(...chars.split('')), { maxLength }).map((a) => a.join(''));

describe('export fast paths', () => {
  it('isPlainNumber accepts exactly what the number regex accepts', () => {
    fc.assert(
      fc.property(fc.oneof(from('0123456789-.eE+x '), fc.string()), (s) => {
        expect(isPlainNumber(s)).toBe(NUMBER_RE.test(s));
      }),
      { numRuns: 20_000 },
    );
    for (const s of ['', '-', '.', '1.', '.5', '1e', '1e+', '-0', '12.50', '1E-7', '1e+21', '--1', '1..2', '١٢']) expect(isPlainNumber(s)).toBe(NUMBER_RE.test(s));
  });

  it('a text cell is neutralise(text), and csvField quotes exactly when the text holds a comma, quote, CR or LF', () => {
    const col: Column<{ v: string }> = { name: 'v', kind: 'text' };
    fc.assert(
      fc.property(fc.oneof(from("=+-@\t\r\n'\uFF1D\uFF0B\uFF0D\uFF20a,\" "), fc.string()), (s) => {
        expect(csvCell(col, { v: s }, 1)).toBe(neutralise(s));
        expect(csvField(s)).toBe(QUOTES_RE.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
      }),
      { numRuns: 20_000 },
    );
  });

  it('Converter gives convert’s answer (exact, half-even) for every amount, rate and base minor unit', () => {
    const decimal = fc.oneof(
      // Typical: cents and rates of a few digits (the fast path)…
      fc.tuple(fc.nat(10_000_000), fc.nat(99)).map(([w, f]) => `${w}.${String(f).padStart(2, '0')}`),
      fc.tuple(fc.nat(9), fc.nat(999_999)).map(([w, f]) => `${w}.${String(f).padStart(6, '0')}`.replace(/0+$/, '').replace(/\.$/, '')),
      // …long or huge ones (past 2^53, the BigInt path), and texts convert refuses.
      fc.bigInt({ min: 0n, max: 10n ** 30n }).chain((n) => fc.nat(20).map((k) => {
        const s = n.toString().padStart(k + 1, '0');
        return k === 0 ? s : `${s.slice(0, -k)}.${s.slice(-k)}`;
      })),
      from('0123456789.-', 10),
    );
    fc.assert(
      fc.property(decimal, decimal, fc.boolean(), fc.integer({ min: 0, max: 4 }), (amount, rate, negative, digits) => {
        const want = convert(negative ? `-${amount}` : amount, rate, digits);
        expect(new Converter(digits).convert(amount, negative, rate)).toBe(want);
      }),
      { numRuns: 30_000 },
    );
    // Ties round to even, both signs; a value that rounds to zero has no minus.
    const c = new Converter(2);
    expect(c.convert('0.125', false, '1')).toBe('0.12');
    expect(c.convert('0.135', true, '1')).toBe('-0.14');
    expect(c.convert('0.004', true, '1')).toBe('0.00');
    expect(c.convert('10.00', true, '1.0535')).toBe(convert('-10.00', '1.0535', 2));
  });
});
