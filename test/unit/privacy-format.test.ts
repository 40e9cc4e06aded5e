import { afterEach, describe, expect, it } from 'vitest';
import { formatStoredQuantity } from '../../renderer/src/format/history.js';
import { formatCompactMoney, formatDecimal, formatMoney, formatSignedMoney } from '../../renderer/src/format/money.js';
import { formatPercent } from '../../renderer/src/format/percent.js';
import { MASK, privacyQuoted, privacyText, setPrivacy } from '../../renderer/src/format/privacy.js';
import { formatAveragePrice, formatQuantity, formatUnitPrice } from '../../renderer/src/format/quantity.js';
import { formatRate } from '../../renderer/src/format/rates.js';
import { parseIntent } from '../../renderer/src/palette/intents.js';

describe('privacy mode in the formatters', () => {
  afterEach(() => setPrivacy(false));

  it('masks every amount and quantity, keeping the currency sign and no digit', () => {
    setPrivacy(true);
    expect(formatMoney('1234.56', 'EUR', 2, 'en-US')).toBe(`€${MASK}`);
    expect(formatMoney('1234.56', 'EUR', 2, 'de-DE')).toBe(`${MASK}\u00a0€`);
    expect(formatSignedMoney('-30', 'USD', 2, 'en-US')).toBe(`$${MASK}`);
    expect(formatDecimal('1234567.89', 'en-US')).toBe(MASK);
    expect(formatQuantity('0.00125', 'en-US')).toBe(MASK);
    expect(formatStoredQuantity('2.50', 'en-US')).toBe(MASK);
    expect(formatAveragePrice('65168.4060721063', 'USD', 2, 'en-US')).toBe(`$${MASK}`);
    expect(formatCompactMoney(12345, 'USD', 'en-US')).toBe(`$${MASK}`);
    expect(privacyText('Bought 2 AAPL at 190.095, fee 0.38')).toBe(`Bought ${MASK} AAPL at ${MASK}, fee ${MASK}`);
    // An import error keeps its line number and words; the value it quotes from the file is masked.
    expect(privacyQuoted('Line 3: amount: "1.234,5x" is not a number')).toBe(`Line 3: amount: "${MASK}x" is not a number`);
    expect(privacyText('-987.65 EUR')).toBe(`-${MASK} EUR`);
    for (const text of [formatMoney('987654.32', 'JPY', 0, 'ja-JP'), formatSignedMoney('5', 'BHD', 3, 'ar-BH')]) expect(text).not.toMatch(/[0-9٠-٩]/);
  });

  it('leaves public figures (market prices, rates, percentages) and everything when off as they were', () => {
    setPrivacy(true);
    expect(formatUnitPrice('189.3', 'USD', 2, 'en-US')).toBe('$189.30');
    expect(formatRate('1.1147', 'en-US')).toBe('1.1147');
    expect(formatPercent('0.0425', 'en-US')).toBe('4.25%');
    setPrivacy(false);
    expect(formatMoney('1234.56', 'EUR', 2, 'en-US')).toBe('€1,234.56');
    expect(formatSignedMoney('-30', 'USD', 2, 'en-US')).toBe('-$30.00');
    expect(formatQuantity('0.00125', 'en-US')).toBe('0.00125');
    expect(formatCompactMoney(12345, 'USD', 'en-US')).toBe('$12.35K');
    expect(privacyText('Bought 2 AAPL')).toBe('Bought 2 AAPL');
    expect(privacyQuoted('Line 3: amount: "12" is not a number')).toBe('Line 3: amount: "12" is not a number');
  });
});

describe('typed commands in the palette', () => {
  it('reads deposits and orders, and nothing else', () => {
    expect(parseIntent('deposit 100 eur')).toEqual({ kind: 'deposit', amount: '100', currency: 'EUR' });
    expect(parseIntent('  Deposit   12,50 ')).toEqual({ kind: 'deposit', amount: '12.50', currency: null });
    expect(parseIntent('buy 2 aapl')).toEqual({ kind: 'order', side: 'buy', quantity: '2', symbol: 'AAPL' });
    expect(parseIntent('sell 0.5 btc-usd')).toEqual({ kind: 'order', side: 'sell', quantity: '0.5', symbol: 'BTC-USD' });
    expect(parseIntent('sell vod.l')).toEqual({ kind: 'order', side: 'sell', quantity: null, symbol: 'VOD.L' });
    for (const q of ['deposit', 'deposit eur', 'deposit -5 eur', 'buy', 'history', 'buy 2', 'deposit 1e3 usd']) expect(parseIntent(q)).toBeNull();
  });
});
