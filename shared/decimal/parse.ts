import { divRound } from './round.js';
import { pow10, type Scaled } from './scaled.js';

/**
 * What a scan read: `digits` fraction digits and, when the text has at most 15 digits, `units` = the value ×
 * 10^digits as an integer-valued double (exact below 2^53), else NaN. Callers own the object they pass in.
 */
export interface Scan {
  units: number;
  digits: number;
}

/** 10^n as a double, exact for n ≤ 22. */
export const POW10_NUMBER: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** Largest integer a double holds exactly together with all smaller ones (2^53 − 1). */
export const MAX_EXACT = Number.MAX_SAFE_INTEGER;

/**
 * The one grammar of a plain decimal: an optional "-", an integer part without leading zeros ("0" alone is fine),
 * and optionally "." and at least one digit. No "+", no exponent, no spaces, no grouping. Trailing fraction zeros
 * are allowed and kept ("1.50" is 150 at scale 2).
 *
 * True when `text` is a plain decimal with at most `maxDigits` fraction digits; then `out` holds what it read. A
 * hand-rolled scan rather than a regex, slice and BigInt(string): the portfolio parses every quantity, price and
 * close of every snapshot with it. Up to 15 digits accumulate in a double, which stays an exact integer.
 */
export function scan(text: string, maxDigits: number, out: Scan): boolean {
  const n = text.length;
  const neg = text.charCodeAt(0) === 45; // '-'
  let i = neg ? 1 : 0;
  const start = i;
  let dot = -1;
  let acc = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && dot < 0) dot = i;
    else if (c < 48 || c > 57) return false;
    else acc = acc * 10 + (c - 48);
  }
  const intLen = (dot < 0 ? n : dot) - start;
  if (intLen === 0 || (intLen > 1 && text.charCodeAt(start) === 48) || dot === n - 1) return false;
  const fd = dot < 0 ? 0 : n - dot - 1;
  if (fd > maxDigits) return false;
  out.digits = fd;
  out.units = n - start - (dot < 0 ? 0 : 1) <= 15 ? (neg ? -acc : acc) : NaN;
  return true;
}

/** An exact double integer `units` × 10^-digits (digits ≤ dp) at scale 10^dp, as a bigint. */
export function unitsOfDouble(units: number, digits: number, dp: number): bigint {
  const v = dp - digits <= 22 ? units * POW10_NUMBER[dp - digits]! : Infinity;
  return v <= MAX_EXACT && v >= -MAX_EXACT ? BigInt(v) : BigInt(units) * pow10(dp - digits);
}

/** The digits of a text `scan` accepted, as one bigint (the value × 10^digits); `read` is what it read. */
export function digitsOfText(text: string, read: Scan): bigint {
  if (read.units === read.units) return BigInt(read.units);
  const dot = text.indexOf('.');
  return BigInt(dot < 0 ? text : text.slice(0, dot) + text.slice(dot + 1));
}

const scratch: Scan = { units: NaN, digits: 0 };

/**
 * `text` as an integer at scale 10^dp, exactly; undefined when it is not a plain decimal or has more than `dp`
 * fraction digits (never rounds silently). `out`, when given, receives what the scan read.
 */
export function parseUnits(text: string, dp: number, out: Scan = scratch): bigint | undefined {
  if (!scan(text, dp, out)) return undefined;
  if (out.units === out.units) return unitsOfDouble(out.units, out.digits, dp);
  return digitsOfText(text, out) * pow10(dp - out.digits);
}

/**
 * Like parseUnits, but extra fraction digits are rounded half-even (FX rates published with more digits than the
 * engine keeps). After rounding, `out.units` is NaN: the text's digits are no longer the value.
 */
export function parseUnitsRounded(text: string, dp: number, out: Scan = scratch): bigint | undefined {
  if (!scan(text, Infinity, out)) return undefined;
  if (out.digits <= dp) return out.units === out.units ? unitsOfDouble(out.units, out.digits, dp) : digitsOfText(text, out) * pow10(dp - out.digits);
  const whole = digitsOfText(text, out);
  const drop = out.digits - dp;
  out.units = NaN;
  out.digits = dp;
  return divRound(whole, pow10(drop));
}

/** A plain decimal at its own scale ("12.50" → 1250 at 2), or undefined. */
export function parseScaled(text: string): Scaled | undefined {
  if (!scan(text, Infinity, scratch)) return undefined;
  return { n: digitsOfText(text, scratch), s: scratch.digits };
}

/** Fraction digits of a decimal text as written ("12.50" → 2). */
export function fractionDigits(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}
