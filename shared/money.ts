import { Decimal } from 'decimal.js';

/**
 * Money rules (docs/design.md#money): amounts travel as decimal strings and are computed with decimal.js, never JS
 * floats. The single rounding rule for cash is half-even at the currency's minor unit.
 */
export const D = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
export type Dec = InstanceType<typeof D>;

/** Plain positive decimal string: no sign, no exponent, at most 15 integer digits and 18 fraction digits. */
export const DECIMAL_RE = /^(0|[1-9]\d{0,14})(\.\d{1,18})?$/;

export function dec(value: string | Dec): Dec {
  return new D(value);
}

export function fractionDigits(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}

/** Canonical string for a cash amount: exactly `minorUnit` fraction digits (e.g. "70.00", "1500"). */
export function toMoneyString(value: Dec, minorUnit: number): string {
  return value.toDecimalPlaces(minorUnit, D.ROUND_HALF_EVEN).toFixed(minorUnit);
}

export function roundCash(value: Dec, minorUnit: number): Dec {
  return value.toDecimalPlaces(minorUnit, D.ROUND_HALF_EVEN);
}

export function sumStrings(values: readonly string[]): Dec {
  let total = new D(0);
  for (const v of values) total = total.plus(v);
  return total;
}
