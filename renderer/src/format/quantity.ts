/**
 * Instrument quantities and unit prices. Both keep the digits they came with (a BTC quantity may have 8 decimals, a
 * small coin's price 8 or more), formatted from the string so nothing is rounded through a float.
 */

import { t } from '../i18n/index.js';
import { maskParts, MASK, privacyOn } from './privacy.js';

const PLAIN = /^-?\d+(\.\d+)?$/;
const cache = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/** Significant fraction digits of a decimal string ("1.2500" → 2). */
export function significantDecimals(value: string): number {
  const dot = value.indexOf('.');
  if (dot < 0) return 0;
  return value.slice(dot + 1).replace(/0+$/, '').length;
}

/** "2" → "2", "0.00125000" → "0.00125", "1234.5" → "1,234.5" (en-US). Exact, up to 18 decimals. */
export function formatQuantity(quantity: string, locale: string): string {
  if (privacyOn()) return MASK;
  if (!PLAIN.test(quantity)) return quantity;
  const digits = Math.min(18, significantDecimals(quantity));
  return formatter(locale, { minimumFractionDigits: 0, maximumFractionDigits: digits }).format(quantity as Intl.StringNumericLiteral);
}

/**
 * A unit price in its currency, with at least the currency's minor unit and as many more decimals as the price
 * carries (at most 10): "189.3" USD → "$189.30", "0.00001234" USD → "$0.00001234".
 */
export function formatUnitPrice(price: string, currency: string, minorUnit: number, locale: string): string {
  if (!PLAIN.test(price)) return price;
  const digits = Math.min(10, Math.max(minorUnit, significantDecimals(price)));
  return formatter(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: minorUnit,
    maximumFractionDigits: digits,
  }).format(price as Intl.StringNumericLiteral);
}

export type QuantityCheck = { ok: true; value: string } | { ok: false; message: string };

/**
 * What the user typed as a quantity (or a price) → the canonical decimal string the contract expects. The locale's
 * decimal comma is accepted, thousands separators are not. `maxDecimals` is a ceiling here; the server knows the
 * instrument's own digits and is the authority.
 */
export function parseQuantity(input: string, locale: string, what = t('common:check.quantity'), maxDecimals = 18): QuantityCheck {
  const raw = input.trim();
  if (raw === '') return { ok: false, message: t('common:check.enter', { what }) };
  const sep = formatter(locale, {}).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  let text = raw;
  if (sep !== '.' && text.includes(sep)) {
    if (text.includes('.')) return { ok: false, message: t('common:check.separator', { separator: sep }) };
    text = text.replace(sep, '.');
  }
  if (text.startsWith('-')) return { ok: false, message: t('common:check.enterAboveZero', { what }) };
  const m = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) {
    return { ok: false, message: t('common:check.plainNumber', { separator: sep }) };
  }
  const intPart = (m[1] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const fracPart = (m[2] ?? '').replace(/0+$/, '');
  if (intPart.length > 15) return { ok: false, message: t('common:check.numberLarge') };
  if (fracPart.length > maxDecimals) return { ok: false, message: t('common:check.atMost', { count: maxDecimals }) };
  if (intPart === '0' && fracPart === '') return { ok: false, message: t('common:check.enterAboveZero', { what }) };
  return { ok: true, value: fracPart ? `${intPart}.${fracPart}` : intPart };
}

/**
 * A computed average (average cost, average fill price): the exact quotient can carry ten digits nobody reads, so it is
 * shown to about seven significant digits, never fewer decimals than the currency's minor unit: "65168.4060721063" USD
 * → "$65,168.41", "190.535" → "$190.535", "0.0000123456789" → "$0.00001235". Display only; the value stays exact.
 */
export function formatAveragePrice(price: string, currency: string, minorUnit: number, locale: string): string {
  const m = /^-?(\d+)(?:\.(\d+))?$/.exec(price);
  if (!m) return price;
  const int = m[1]!.replace(/^0+(?=\d)/, '');
  const frac = m[2] ?? '';
  const decimals =
    int !== '0' ? Math.max(0, 7 - int.length) : Math.min(10, (/^0*/.exec(frac)?.[0].length ?? 0) + 4);
  const digits = Math.min(Math.max(minorUnit, Math.min(decimals, significantDecimals(price))), 10);
  const f = formatter(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: minorUnit,
    maximumFractionDigits: Math.max(minorUnit, digits),
  });
  // What the user paid on average tells what they hold: masked, unlike a market price.
  return privacyOn() ? maskParts(f.formatToParts(price as Intl.StringNumericLiteral)) : f.format(price as Intl.StringNumericLiteral);
}
