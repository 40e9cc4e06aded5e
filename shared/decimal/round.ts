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
