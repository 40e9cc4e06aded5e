import { pow10, type Scaled } from './scaled.js';

/**
 * The rounding rule: half-even (banker's rounding) wherever a figure loses digits, in particular cash at its
 * currency's minor unit (docs/design.md). 'down' (toward zero) is only for the order form's "largest quantity that
 * fits" searches, which must never round up.
 */
export type Rounding = 'half-even' | 'down';

/** n / d rounded half-even (n of either sign); d must not be zero. */
export function divRound(n: bigint, d: bigint): bigint {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  let q = n / d;
  const r = n - q * d;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice > d || (twice === d && (q & 1n) !== 0n)) q += n < 0n ? -1n : 1n;
  return q;
}

/** `n / 10^drop` rounded by `mode`; drop ≤ 0 scales up (exact). */
export function dropDigits(n: bigint, drop: number, mode: Rounding = 'half-even'): bigint {
  if (drop <= 0) return n * pow10(-drop);
  return mode === 'down' ? n / pow10(drop) : divRound(n, pow10(drop));
}

/** Rescales an integer from scale `from` to scale `to`, half-even when digits are dropped. */
export function rescale(n: bigint, from: number, to: number): bigint {
  return dropDigits(n, from - to);
}

/** Rounds a value held at scale `dp` to `digits` fraction digits, half-even; the result stays at scale `dp`. */
export function roundAt(n: bigint, dp: number, digits: number): bigint {
  if (digits >= dp) return n;
  const unit = pow10(dp - digits);
  return divRound(n, unit) * unit;
}

/** At most `dp` fraction digits (decimal.js's toDecimalPlaces): a value with fewer is returned as it is. */
export function roundScaled(v: Scaled, dp: number, mode: Rounding = 'half-even'): Scaled {
  return v.s <= dp ? v : { n: dropDigits(v.n, v.s - dp, mode), s: dp };
}

/** Decimal digits of |n| ("0" has one). */
const digitCount = (n: bigint): number => (n < 0n ? -n : n).toString().length;

/**
 * a / b at `digits` significant digits, half-even: what decimal.js's division gives at that precision, as the
 * shortest scaled form (no trailing fraction zeros). b must not be zero; a result whose scale would pass `maxScale`
 * either way is left to the caller (undefined).
 */
export function divSignificant(a: Scaled, b: Scaled, digits: number, maxScale: number): Scaled | undefined {
  if (a.n === 0n) return { n: 0n, s: 0 };
  const num = (a.n < 0n ? -a.n : a.n) * pow10(b.s);
  const den = (b.n < 0n ? -b.n : b.n) * pow10(a.s);
  // num/den lies in [10^(dn-dd-1), 10^(dn-dd+1)): with this k, num·10^k/den has `digits` or `digits + 1` digits.
  let k = digits - (digitCount(num) - digitCount(den));
  if (k > maxScale || k < -maxScale) return undefined;
  const limit = pow10(digits);
  let x = k >= 0 ? num * pow10(k) : num;
  let y = k >= 0 ? den : den * pow10(-k);
  let q = x / y;
  if (q >= limit) {
    k -= 1;
    if (k >= 0) x = num * pow10(k);
    else {
      x = num;
      y = den * pow10(-k);
    }
    q = x / y;
  }
  const twice = (x - q * y) * 2n;
  if (twice > y || (twice === y && (q & 1n) !== 0n)) q += 1n;
  let n = k >= 0 ? q : q * pow10(-k);
  let s = k >= 0 ? k : 0;
  while (s > 0 && n % 10n === 0n) {
    n /= 10n;
    s -= 1;
  }
  return { n: (a.n < 0n) !== (b.n < 0n) ? -n : n, s };
}

/** `sd` significant digits, half-even (decimal.js's toSignificantDigits), exact. */
export function roundSignificantScaled(v: Scaled, sd: number): Scaled {
  const drop = digitCount(v.n) - sd;
  if (drop <= 0 || v.n === 0n) return v;
  const q = divRound(v.n, pow10(drop));
  return drop <= v.s ? { n: q, s: v.s - drop } : { n: q * pow10(drop - v.s), s: 0 };
}
