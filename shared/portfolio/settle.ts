import { MAX_EXACT, pow10, POW10_NUMBER, roundAt } from '../decimal/index.js';
import { AMOUNT_DP } from './scales.js';

/**
 * A trade's settled value: quantity × price rounded half-even to the currency's minor unit, at scale 10^28 (the
 * one rounding rule, shared/decimal/round.ts). Computed in doubles when the texts were short enough that their digits are
 * exact doubles (ParsedActivity.qtyUnits, lastScan) and the product is at most 2^53 − 1, which is then exact;
 * fmod, the subtraction of the remainder and the division by a power of ten that divides the result are exact too.
 * Otherwise, and for anything unusual, the BigInt computation. Both give the same number; the property tests check.
 */
/** What the last settledValue call gave in minor units as an exact double, or NaN (the BigInt path was taken). */
export const lastSettled = { minor: NaN };

export function settledValue(quantity: bigint, price: bigint, qUnits: number, qDigits: number, pUnits: number, pDigits: number, minorUnit: number): bigint {
  const units = settledMinor(qUnits, qDigits, pUnits, pDigits, minorUnit);
  lastSettled.minor = units;
  if (units === units) return BigInt(units) * pow10(AMOUNT_DP - minorUnit);
  return roundAt(quantity * price, AMOUNT_DP, minorUnit);
}

/** The settled value in minor units as an exact double, or NaN when the doubles cannot give it exactly. */
export function settledMinor(qUnits: number, qDigits: number, pUnits: number, pDigits: number, minorUnit: number): number {
  const product = qUnits * pUnits; // the value × 10^(qDigits + pDigits); NaN when a factor had no exact double
  const digits = qDigits + pDigits;
  if (!(product >= 0 && product <= MAX_EXACT && minorUnit >= 0 && minorUnit <= AMOUNT_DP)) return NaN;
  let units = NaN; // the value × 10^minorUnit
  if (digits <= minorUnit) {
    if (minorUnit - digits <= 22) units = product * POW10_NUMBER[minorUnit - digits]!;
  } else if (digits - minorUnit <= 22) {
    const d = POW10_NUMBER[digits - minorUnit]!;
    const r = product % d;
    units = (product - r) / d;
    const twice = 2 * r;
    if (twice > d || (twice === d && units % 2 === 1)) units += 1;
  }
  return units <= MAX_EXACT ? units : NaN;
}
