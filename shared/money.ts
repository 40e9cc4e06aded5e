import { Dec, fractionDigits, type DecLike } from './decimal/index.js';

/**
 * Currency-level money rules over the exact decimal type (shared/decimal/): amounts travel as decimal strings and a
 * cash amount is rounded half-even at its currency's minor unit, never computed in JS floats.
 */

/** Plain positive decimal string: no sign, no exponent, at most 15 integer digits and 18 fraction digits. */
export const DECIMAL_RE = /^(0|[1-9]\d{0,14})(\.\d{1,18})?$/;

/** Canonical string for a cash amount: exactly `minorUnit` fraction digits, half-even (e.g. "70.00", "1500"). */
export function toMoneyString(value: DecLike, minorUnit: number): string {
  return Dec.of(value).toFixed(minorUnit);
}

/** A cash amount rounded half-even to its minor unit. */
export function roundCash(value: DecLike, minorUnit: number): Dec {
  return Dec.of(value).round(minorUnit);
}

export function sumStrings(values: readonly string[]): Dec {
  return Dec.sum(values);
}

/** a + b as text with as many fraction digits as the longer of the two (sums of figures already at their scale). */
export function plusAtScale(a: string, b: string): string {
  return Dec.of(a).plus(b).toFixed(Math.max(fractionDigits(a), fractionDigits(b)));
}

/** a − b as text with as many fraction digits as the longer of the two. */
export function minusAtScale(a: string, b: string): string {
  return Dec.of(a).minus(b).toFixed(Math.max(fractionDigits(a), fractionDigits(b)));
}
