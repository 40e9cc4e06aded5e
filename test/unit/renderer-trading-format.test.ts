import { describe, expect, it } from 'vitest';
import { compareDecimal, isZeroDecimal, pnlClass, signOf } from '../../renderer/src/format/decimal.js';
import { describeOrderError } from '../../renderer/src/format/order-errors.js';
import { describeOrder, isCancellable } from '../../renderer/src/format/orders.js';
import { formatPercent, formatSignedPercent, percentClass } from '../../renderer/src/format/percent.js';
import { formatAveragePrice, formatQuantity, formatUnitPrice, parseQuantity } from '../../renderer/src/format/quantity.js';
import {
  fractionToPercent,
  parseSettingDecimal,
  percentToFraction,
  shiftDecimal,
  textToTrading,
  tradingToText,
} from '../../renderer/src/format/trading-settings.js';

const ctx = { locale: 'en-US', minorUnitOf: (c: string) => (c === 'JPY' ? 0 : 2) };

describe('renderer exact decimal questions', () => {
  it('signs and zeroes without floats', () => {
    expect(signOf('-0.00')).toBe(0);
    expect(signOf('0.0001')).toBe(1);
    expect(signOf('-12.5')).toBe(-1);
    expect(isZeroDecimal('000.000')).toBe(true);
    expect(isZeroDecimal('not a number')).toBe(true);
    expect(pnlClass('-1')).toBe('negative');
    expect(pnlClass('2')).toBe('positive');
    expect(pnlClass('0')).toBe('');
    expect(pnlClass(null)).toBe('');
  });

  it('compares digit by digit, beyond float precision', () => {
    expect(compareDecimal('0.1', '0.10')).toBe(0);
    expect(compareDecimal('10', '9.999')).toBe(1);
    expect(compareDecimal('-10', '-9.999')).toBe(-1);
    expect(compareDecimal('-1', '0')).toBe(-1);
    expect(compareDecimal('123456789012345.67', '123456789012345.66')).toBe(1);
    expect(compareDecimal('0.30000000000000000001', '0.3')).toBe(1);
    expect(compareDecimal('007.5', '7.50')).toBe(0);
  });
});

describe('renderer percentages', () => {
  it('scales the string exactly', () => {
    expect(formatPercent('0.0425', 'en-US')).toBe('4.25%');
    expect(formatPercent('0.1', 'en-US', 1)).toBe('10.0%');
    expect(formatSignedPercent('0.0123', 'en-US')).toBe('+1.23%');
    expect(formatSignedPercent('-0.5', 'de-DE')).toBe('-50,00\u00a0%');
    expect(formatSignedPercent('0', 'en-US')).toBe('0.00%');
    expect(formatPercent('n/a', 'en-US')).toBe('n/a');
  });

  it('colours a return only when it does not show as 0.00% (a tiny negative TWR is not red)', () => {
    // -0.000049 is -0.0049 %: shown as "0.00%", so no colour; -0.00005 rounds (half away from zero) to "-0.01%".
    expect(formatSignedPercent('-0.000049', 'en-US')).toBe('0.00%');
    expect(percentClass('-0.000049')).toBe('');
    expect(formatSignedPercent('-0.00005', 'en-US')).toBe('-0.01%');
    expect(percentClass('-0.00005')).toBe('negative');
    expect(percentClass('0.00005')).toBe('positive');
    expect(percentClass('0.0000499999')).toBe('');
    expect(percentClass('-1.5')).toBe('negative');
    expect(percentClass('0.012', 0)).toBe('positive');
    expect(percentClass('0.004', 0)).toBe('');
    expect(percentClass('n/a')).toBe('');
  });
});

describe('renderer quantities and unit prices', () => {
  it('keeps the digits that matter', () => {
    expect(formatQuantity('2', 'en-US')).toBe('2');
    expect(formatQuantity('0.00125000', 'en-US')).toBe('0.00125');
    expect(formatQuantity('1234.5', 'de-DE')).toBe('1.234,5');
    expect(formatQuantity('0.000000000000000001', 'en-US')).toBe('0.000000000000000001');
  });

  it('shows prices with at least the minor unit', () => {
    expect(formatUnitPrice('189.3', 'USD', 2, 'en-US')).toBe('$189.30');
    expect(formatUnitPrice('0.00001234', 'USD', 2, 'en-US')).toBe('$0.00001234');
    expect(formatUnitPrice('64250.5', 'USD', 2, 'en-US')).toBe('$64,250.50');
    expect(formatUnitPrice('1500', 'JPY', 0, 'en-US')).toBe('¥1,500');
  });

  it('shows computed averages to about seven significant digits', () => {
    expect(formatAveragePrice('65168.4060721063', 'USD', 2, 'en-US')).toBe('$65,168.41');
    expect(formatAveragePrice('190.535', 'USD', 2, 'en-US')).toBe('$190.535');
    expect(formatAveragePrice('190.5', 'USD', 2, 'en-US')).toBe('$190.50');
    expect(formatAveragePrice('0.0000123456789', 'USD', 2, 'en-US')).toBe('$0.00001235');
    expect(formatAveragePrice('1234567.891', 'JPY', 0, 'en-US')).toBe('¥1,234,568');
  });

  it('parses what the user typed', () => {
    expect(parseQuantity(' 2 ', 'en-US')).toEqual({ ok: true, value: '2' });
    expect(parseQuantity('0,50', 'de-DE')).toEqual({ ok: true, value: '0.5' });
    expect(parseQuantity('.25', 'en-US')).toEqual({ ok: true, value: '0.25' });
    expect(parseQuantity('', 'en-US')).toMatchObject({ ok: false, message: 'Enter a quantity.' });
    expect(parseQuantity('0', 'en-US')).toMatchObject({ ok: false });
    expect(parseQuantity('-1', 'en-US')).toMatchObject({ ok: false });
    expect(parseQuantity('1,000', 'en-US')).toMatchObject({ ok: false });
    expect(parseQuantity('1.23456', 'en-US', 'a price', 4)).toMatchObject({ ok: false, message: 'At most 4 decimal places.' });
  });
});

describe('renderer order descriptions', () => {
  const base = { symbol: 'AAPL', currency: 'USD', limitPrice: null, amount: null, quantity: '2' } as const;

  it('says what was asked', () => {
    expect(describeOrder({ ...base, side: 'buy', type: 'market' }, 'en-US', 2)).toBe('Buy 2 AAPL at market');
    expect(describeOrder({ ...base, side: 'sell', type: 'limit', quantity: '1', limitPrice: '200' }, 'en-US', 2)).toBe('Sell 1 AAPL, limit $200.00');
    expect(describeOrder({ ...base, symbol: 'BTC-USD', side: 'buy', type: 'market', quantity: null, amount: '5' }, 'en-US', 2)).toBe(
      'Buy BTC-USD for $5.00 at market',
    );
  });

  it('cancels only what still waits at the venue or in the book', () => {
    expect(isCancellable({ state: 'open' })).toBe(true);
    expect(isCancellable({ state: 'aggregating' })).toBe(true);
    expect(isCancellable({ state: 'filled' })).toBe(false);
    expect(isCancellable({ state: 'pending' })).toBe(false);
  });
});

describe('renderer order refusals', () => {
  it('explains each stable code with formatted figures', () => {
    expect(
      describeOrderError(
        { code: 'INSUFFICIENT_FUNDS', message: 'x', details: { available: '100.00', required: '379.40', currency: 'USD' } },
        ctx,
      ),
    ).toBe('Not enough USD: this order needs $379.40 but $100.00 is available (cash held by open orders does not count). Nothing was reserved.');
    expect(
      describeOrderError({ code: 'INSUFFICIENT_HOLDING', message: 'x', details: { available: '1', required: '2', symbol: 'AAPL' } }, ctx),
    ).toMatch(/^You cannot sell 2 AAPL: you hold 1 /);
    expect(describeOrderError({ code: 'STALE_PRICE', message: 'x', details: { ageMs: 95_000, maxAgeMs: 60_000 } }, { ...ctx, symbol: 'AAPL' })).toBe(
      'No fresh price for AAPL, so the order was not placed: the last price is 1 min 35 s old (at most 1 min is allowed). Wait for the feed to send a live price, then try again.',
    );
    expect(describeOrderError({ code: 'STALE_PRICE', message: 'There is no live price for AAPL yet.', details: { symbol: 'AAPL' } }, ctx)).toBe(
      'There is no live price for AAPL yet. Nothing was placed.',
    );
    expect(describeOrderError({ code: 'ORDER_TOO_LARGE', message: 'x', details: { value: '150000.12345678', max: '100000' } }, { ...ctx, currency: 'EUR' })).toBe(
      'This order is worth $150,000.12, more than the maximum of $100,000.00 per order. Place a smaller order, or raise the maximum in Settings.',
    );
    expect(describeOrderError({ code: 'TOO_MANY_ORDERS', message: 'x', details: { count: 30, perMinute: 30 } }, ctx)).toBe(
      'Too many orders in the last minute (the limit is 30). Wait a moment, then place it again.',
    );
  });

  it('shows the deviation that needs a confirmation', () => {
    const msg = describeOrderError(
      {
        code: 'PRICE_NEEDS_CONFIRMATION',
        message: 'the price is 15.3 % from the last close',
        details: { price: '212', lastClose: '184', deviation: '0.152174', maxDeviation: '0.1' },
      },
      { ...ctx, currency: 'USD' },
    );
    expect(msg).toBe(
      'The price $212.00 is 15.2% away from the last close $184.00 (more than the 10.0% allowed without confirmation). Check it, then confirm to place the order anyway.',
    );
  });

  it('falls back to the server message when details are missing', () => {
    expect(describeOrderError({ code: 'INSUFFICIENT_HOLDING', message: 'x' }, { ...ctx, symbol: 'AAPL' })).toBe(
      'You do not hold enough AAPL for this sell. Nothing was reserved.',
    );
    expect(describeOrderError({ code: 'INVALID_INPUT', message: 'quantity: too many decimals' }, ctx)).toBe('quantity: too many decimals');
  });
});

describe('renderer trading settings', () => {
  it('moves the decimal point on the string', () => {
    expect(shiftDecimal('0.1', -2)).toBe('0.001');
    expect(shiftDecimal('0.001', 2)).toBe('0.1');
    expect(shiftDecimal('10', 2)).toBe('1000');
    expect(shiftDecimal('12.5', -3)).toBe('0.0125');
    expect(shiftDecimal('0', 2)).toBe('0');
    expect(fractionToPercent('0.1')).toBe('10');
    expect(percentToFraction('0.15')).toBe('0.0015');
  });

  it('accepts zero and the decimal comma', () => {
    expect(parseSettingDecimal('0', '.')).toEqual({ ok: true, value: '0' });
    expect(parseSettingDecimal('2,50', ',')).toEqual({ ok: true, value: '2.5' });
    expect(parseSettingDecimal('', '.')).toMatchObject({ ok: false });
    expect(parseSettingDecimal('-1', '.')).toMatchObject({ ok: false });
  });

  it('round-trips the defaults and names each bad field', () => {
    const defaults = {
      aggregationThresholdUsd: '10',
      aggregationWindowSeconds: 60,
      spreadBps: '10',
      feeRate: '0.001',
      feeMinimum: '0',
      maxOrderValueUsd: '100000',
      ordersPerMinute: 30,
      maxDeviation: '0.1',
    };
    const text = tradingToText(defaults);
    expect(text.feeRate).toBe('0.1');
    expect(text.maxDeviation).toBe('10');
    expect(textToTrading(text, '.')).toEqual({ ok: true, value: defaults });
    const bad = textToTrading({ ...text, ordersPerMinute: '0', feeRate: '100', spreadBps: 'abc' }, '.');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['feeRate', 'ordersPerMinute', 'spreadBps']);
  });
});
