import { Dec, divRound, pow10 } from '../../../shared/decimal/index.js';

/**
 * a × b / c rounded half-even to `dp` fraction digits, computed on the exact integers (no 50-digit quotient in
 * between, so a tie is a true tie). c must not be zero.
 */
export function mulDiv(a: Dec, b: Dec, c: Dec, dp: number): Dec {
  // a·b/c = (an·bn·10^cs) / (cn·10^(as+bs)); at scale dp the numerator gains 10^dp.
  const num = a.n * b.n * pow10(c.s + dp);
  const den = c.n * pow10(a.s + b.s);
  return Dec.fromUnits(divRound(num, den), dp);
}

/** The exact quotient a / b when it has a finite decimal form of at most `maxDp` digits, else undefined. */
export function exactDiv(a: Dec, b: Dec, maxDp: number): Dec | undefined {
  const num = a.n * pow10(b.s + maxDp);
  const den = b.n * pow10(a.s);
  if (num % den !== 0n) return undefined;
  return Dec.fromUnits(num / den, maxDp);
}

/**
 * Splits `total` over `weights` in proportion, each part rounded half-even to `dp` digits except the last, which
 * takes what is left: the parts always add up to `total` exactly.
 */
export function apportion(total: Dec, weights: readonly Dec[], dp: number): Dec[] {
  const whole = Dec.sum(weights);
  const parts: Dec[] = [];
  let left = total;
  weights.forEach((w, i) => {
    if (i === weights.length - 1) {
      parts.push(left);
      return;
    }
    const part = whole.isZero() ? Dec.ZERO : mulDiv(total, w, whole, dp);
    parts.push(part);
    left = left.minus(part);
  });
  return parts;
}
