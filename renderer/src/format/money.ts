/**
 * Money display and input for the renderer. Amounts stay decimal strings end to end: Intl.NumberFormat formats the
 * string itself (ECMA-402 "Intl.NumberFormat v3"), so 123456789012345.67 is shown exactly; nothing here calls
 * parseFloat or Number on money.
 */

import { t } from '../i18n/index.js';
import { MASK, maskParts, privacyOn } from './privacy.js';

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

type Numeric = Intl.StringNumericLiteral;

function asNumeric(value: string): Numeric {
  if (!PLAIN_DECIMAL.test(value)) throw new Error(`not a decimal string: ${value}`);
  return value as Numeric;
}

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

function currencyOptions(currency: string, minorUnit: number): Intl.NumberFormatOptions {
  return { style: 'currency', currency, minimumFractionDigits: minorUnit, maximumFractionDigits: minorUnit };
}

/** "70.00" EUR in en-US → "€70.00"; in de-DE → "70,00 €". */
export function formatMoney(amount: string, currency: string, minorUnit: number, locale: string): string {
  const f = formatter(locale, currencyOptions(currency, minorUnit));
  return privacyOn() ? maskParts(f.formatToParts(asNumeric(amount))) : f.format(asNumeric(amount));
}

/** Ledger amounts with an explicit sign: "+€100.00", "−€30.00". */
export function formatSignedMoney(amount: string, currency: string, minorUnit: number, locale: string): string {
  const f = formatter(locale, { ...currencyOptions(currency, minorUnit), signDisplay: 'exceptZero' });
  return privacyOn() ? maskParts(f.formatToParts(asNumeric(amount))) : f.format(asNumeric(amount));
}

/** A plain number in the locale, for previews: 1234567.89 → "1,234,567.89". */
export function formatDecimal(amount: string, locale: string, fractionDigits = 2): string {
  if (privacyOn()) return MASK;
  return formatter(locale, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(
    asNumeric(amount),
  );
}

/** A chart axis tick in compact notation ("$12.3K"), masked like every amount. */
export function formatCompactMoney(value: number, currency: string, locale: string): string {
  const f = formatter(locale, { notation: 'compact', maximumSignificantDigits: 4, style: 'currency', currency });
  return privacyOn() ? maskParts(f.formatToParts(value)) : f.format(value);
}

/** The locale's decimal separator ("." for en-US, "," for de-DE). */
export function decimalSeparator(locale: string): string {
  return formatter(locale, {}).formatToParts(asNumeric('1.5')).find((p) => p.type === 'decimal')?.value ?? '.';
}

export type AmountCheck = { ok: true; value: string } | { ok: false; message: string };

const MAX_INTEGER_DIGITS = 15;

/**
 * Turns what the user typed into the canonical decimal string the contract expects ("12.5", never "012.50"), or says
 * what is wrong. The locale's decimal comma is accepted; thousands separators are not (they are ambiguous between
 * locales). The server checks again and is the authority.
 */
export function parseAmount(input: string, currency: string, minorUnit: number, locale: string): AmountCheck {
  const raw = input.trim();
  if (raw === '') return { ok: false, message: t('common:check.amount') };
  const sep = decimalSeparator(locale);
  let text = raw;
  if (sep !== '.' && text.includes(sep)) {
    if (text.includes('.')) return { ok: false, message: t('common:check.separator', { separator: sep }) };
    text = text.replace(sep, '.');
  }
  if (text.startsWith('-')) return { ok: false, message: t('common:check.positive') };
  const m = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) {
    return { ok: false, message: t('common:check.plainAmount', { separator: sep }) };
  }
  const intPart = (m[1] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const fracPart = (m[2] ?? '').replace(/0+$/, '');
  if (intPart.length > MAX_INTEGER_DIGITS) return { ok: false, message: t('common:check.amountLarge') };
  if (fracPart.length > minorUnit) {
    return {
      ok: false,
      message:
        minorUnit === 0 ? t('common:check.wholeAmount', { currency }) : t('common:check.places', { currency, count: minorUnit }),
    };
  }
  if (/^0*$/.test(intPart) && fracPart === '') return { ok: false, message: t('common:check.aboveZero') };
  return { ok: true, value: fracPart ? `${intPart}.${fracPart}` : intPart };
}
