import type { TradingSettings } from '../../../shared/contract/index.js';
import { t } from '../i18n/index.js';
import { compareDecimal } from './decimal.js';

/**
 * The trading settings as the Settings form shows them. Fractions are entered as percentages ("0.1" % fee means
 * "0.001"): the decimal point moves on the string, exactly, never through a float.
 */

export type SettingCheck = { ok: true; value: string } | { ok: false; message: string };

/** Moves the decimal point: shiftDecimal("0.1", -2) → "0.001", shiftDecimal("0.001", 2) → "0.1". Non-negative only. */
export function shiftDecimal(value: string, places: number): string {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!m) return value;
  let digits = m[1]! + (m[2] ?? '');
  let point = m[1]!.length + places;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  if (point > digits.length) digits = digits.padEnd(point, '0');
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const frac = digits.slice(point).replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

/** A fraction setting as a percentage for the form: "0.001" → "0.1". */
export function fractionToPercent(fraction: string): string {
  return shiftDecimal(fraction, 2);
}

/** A percentage typed in the form back to the fraction the setting stores: "0.1" → "0.001". */
export function percentToFraction(percent: string): string {
  return shiftDecimal(percent, -2);
}

/**
 * A non-negative decimal typed by the user (zero allowed: "0" turns aggregation off or the maximum off) → canonical
 * string, or what is wrong. Accepts the locale's decimal comma.
 */
export function parseSettingDecimal(input: string, decimalSeparator: string, maxDecimals = 10): SettingCheck {
  let text = input.trim();
  if (text === '') return { ok: false, message: t('settings:check.empty') };
  if (decimalSeparator !== '.' && text.includes(decimalSeparator)) {
    if (text.includes('.')) return { ok: false, message: t('settings:check.separator', { separator: decimalSeparator }) };
    text = text.replace(decimalSeparator, '.');
  }
  const m = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return { ok: false, message: t('settings:check.plain') };
  const int = (m[1] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (int.length > 12) return { ok: false, message: t('settings:check.large') };
  if (frac.length > maxDecimals) return { ok: false, message: t('settings:check.places', { max: maxDecimals }) };
  return { ok: true, value: frac ? `${int}.${frac}` : int };
}

/** A whole number within [min, max], or what is wrong. */
export function parseWhole(input: string, min: number, max: number): { ok: true; value: number } | { ok: false; message: string } {
  const text = input.trim();
  if (!/^\d{1,6}$/.test(text)) return { ok: false, message: t('settings:check.whole', { min, max }) };
  const n = Number(text);
  return n >= min && n <= max ? { ok: true, value: n } : { ok: false, message: t('settings:check.whole', { min, max }) };
}

/** The trading settings as the form's text fields hold them (fractions shown as percentages). */
export type TradingText = Record<keyof TradingSettings, string>;

export function tradingToText(s: TradingSettings): TradingText {
  return {
    aggregationThresholdUsd: s.aggregationThresholdUsd,
    aggregationWindowSeconds: String(s.aggregationWindowSeconds),
    spreadBps: s.spreadBps,
    feeRate: fractionToPercent(s.feeRate),
    feeMinimum: s.feeMinimum,
    maxOrderValueUsd: s.maxOrderValueUsd,
    ordersPerMinute: String(s.ordersPerMinute),
    maxDeviation: fractionToPercent(s.maxDeviation),
  };
}

/** The form's text back to settings, or the message of each field that is wrong. */
export function textToTrading(
  text: TradingText,
  decimalSeparator: string,
): { ok: true; value: TradingSettings } | { ok: false; errors: Partial<TradingText> } {
  const errors: Partial<TradingText> = {};
  const dec = (k: keyof TradingSettings, maxDecimals = 10): string => {
    const r = parseSettingDecimal(text[k], decimalSeparator, maxDecimals);
    if (!r.ok) errors[k] = r.message;
    return r.ok ? r.value : '0';
  };
  const whole = (k: keyof TradingSettings, min: number, max: number): number => {
    const r = parseWhole(text[k], min, max);
    if (!r.ok) errors[k] = r.message;
    return r.ok ? r.value : min;
  };
  const feePercent = dec('feeRate', 6);
  if (!errors.feeRate && compareDecimal(feePercent, '100') >= 0) errors.feeRate = t('settings:check.fee');
  const value: TradingSettings = {
    aggregationThresholdUsd: dec('aggregationThresholdUsd', 2),
    aggregationWindowSeconds: whole('aggregationWindowSeconds', 1, 86_400),
    spreadBps: dec('spreadBps', 4),
    feeRate: percentToFraction(feePercent),
    feeMinimum: dec('feeMinimum', 8),
    maxOrderValueUsd: dec('maxOrderValueUsd', 2),
    ordersPerMinute: whole('ordersPerMinute', 1, 10_000),
    maxDeviation: percentToFraction(dec('maxDeviation', 4)),
  };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}
