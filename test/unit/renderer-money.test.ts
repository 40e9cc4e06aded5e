import { describe, expect, it } from 'vitest';
import { decimalSeparator, formatMoney, formatSignedMoney, parseAmount } from '../../renderer/src/format/money.js';

describe('renderer money formatting', () => {
  it('formats the decimal string itself, without float rounding', () => {
    expect(formatMoney('70.00', 'EUR', 2, 'en-US')).toBe('€70.00');
    expect(formatMoney('50.25', 'USD', 2, 'en-US')).toBe('$50.25');
    // 17 significant digits: a JS number would print 123,456,789,012,345.67 as ...345.66 or ...345.7
    expect(formatMoney('123456789012345.67', 'USD', 2, 'en-US')).toBe('$123,456,789,012,345.67');
    expect(formatMoney('0.30', 'USD', 2, 'en-US')).toBe('$0.30');
  });

  it('follows the locale and the minor unit', () => {
    expect(formatMoney('1234.5', 'EUR', 2, 'de-DE')).toBe('1.234,50\u00a0€');
    expect(formatMoney('1500', 'JPY', 0, 'en-US')).toBe('¥1,500');
    expect(formatMoney('1.234', 'BHD', 3, 'en-US')).toBe('BHD\u00a01.234');
  });

  it('signs ledger amounts', () => {
    expect(formatSignedMoney('100.00', 'EUR', 2, 'en-US')).toBe('+€100.00');
    expect(formatSignedMoney('-30.00', 'EUR', 2, 'en-US')).toBe('-€30.00');
  });

  it('refuses anything that is not a plain decimal string', () => {
    expect(() => formatMoney('1e3', 'USD', 2, 'en-US')).toThrow();
    expect(() => formatMoney('abc', 'USD', 2, 'en-US')).toThrow();
  });

  it('knows the decimal separator of a locale', () => {
    expect(decimalSeparator('en-US')).toBe('.');
    expect(decimalSeparator('de-DE')).toBe(',');
  });
});

describe('renderer amount input', () => {
  const ok = (input: string, minor = 2, locale = 'en-US', code = 'EUR') => parseAmount(input, code, minor, locale);

  it('returns the canonical decimal string', () => {
    expect(ok('100')).toEqual({ ok: true, value: '100' });
    expect(ok(' 50.25 ')).toEqual({ ok: true, value: '50.25' });
    expect(ok('007.50')).toEqual({ ok: true, value: '7.5' });
    expect(ok('.5')).toEqual({ ok: true, value: '0.5' });
    expect(ok('5.')).toEqual({ ok: true, value: '5' });
    expect(ok('0.01')).toEqual({ ok: true, value: '0.01' });
    expect(ok('999999999999999.99')).toEqual({ ok: true, value: '999999999999999.99' });
  });

  it('accepts the locale decimal comma', () => {
    expect(ok('12,5', 2, 'de-DE')).toEqual({ ok: true, value: '12.5' });
    expect(ok('12.5', 2, 'de-DE')).toEqual({ ok: true, value: '12.5' });
    expect(ok('1.234,5', 2, 'de-DE').ok).toBe(false);
  });

  it('respects the minor unit of the currency', () => {
    expect(ok('1.234').ok).toBe(false);
    expect(ok('1.230')).toEqual({ ok: true, value: '1.23' });
    const yen = ok('10.5', 0, 'en-US', 'JPY');
    expect(yen).toEqual({ ok: false, message: 'JPY has no minor unit: enter a whole amount.' });
    expect(ok('1500', 0, 'en-US', 'JPY')).toEqual({ ok: true, value: '1500' });
    expect(ok('1.001', 3, 'en-US', 'BHD')).toEqual({ ok: true, value: '1.001' });
  });

  it('says what is wrong with bad input', () => {
    for (const bad of ['', '   ', '0', '0.00', '-5', '1,000', '1e3', 'abc', '1.2.3', '.', '1 000', '+5', 'Infinity']) {
      expect(ok(bad).ok, bad).toBe(false);
    }
    expect(ok('1234567890123456')).toEqual({ ok: false, message: 'That amount is too large.' });
    expect(ok('0')).toEqual({ ok: false, message: 'Enter an amount greater than zero.' });
    expect(ok('-5')).toEqual({ ok: false, message: 'Enter a positive amount.' });
  });
});
