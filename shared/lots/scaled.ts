import { divRound, pow10, POW10_NUMBER, rescale } from '../decimal/index.js';

/**
 * Integer arithmetic of the lots engine. Each position holds its quantities as integers at one scale and its costs at
 * another (book.ts), as bigints or exact doubles, not a `Dec` per figure; these helpers round exactly as the `Dec`
 * forms they stand for (shared/lots/exact.ts): half-even at a currency's minor unit, on the exact integers.
 */

/**
 * round(a × b / c) at `dp` fraction digits, for `a` an amount at scale `cs` (cs ≥ dp) and `b`, `c` at one common
 * scale (c ≠ 0); the result is at scale `cs` again.
 */
export function mulDivAt(a: bigint, b: bigint, c: bigint, cs: number, dp: number): bigint {
  if (cs === dp) return divRound(a * b, c);
  const unit = pow10(cs - dp);
  return divRound(a * b, c * unit) * unit;
}

/**
 * Splits `total` (scale `cs`) over `weights` in proportion, each part rounded half-even at `dp` digits except the
 * last, which takes what is left: the parts add up to `total` exactly.
 */
export function apportionAt(total: bigint, weights: readonly bigint[], cs: number, dp: number): bigint[] {
  const n = weights.length;
  if (n === 1) return [total];
  let whole = 0n;
  for (let i = 0; i < n; i++) whole += weights[i]!;
  const parts = new Array<bigint>(n);
  let left = total;
  for (let i = 0; i < n - 1; i++) {
    const part = whole === 0n ? 0n : mulDivAt(total, weights[i]!, whole, cs, dp);
    parts[i] = part;
    left -= part;
  }
  parts[n - 1] = left;
  return parts;
}

/** An integer at scale `from` at scale `to` (to ≥ from), exactly. */
export function up(n: bigint, from: number, to: number): bigint {
  return from === to ? n : n * pow10(to - from);
}

/**
 * The same on doubles: while every figure and every product on the way is an integer below 2^51, a double holds it
 * exactly and one division checked by its remainder gives the exact quotient, with no allocation at all. Any
 * figure that could leave that range gives NaN, and the book then redoes the event on bigints (book.ts).
 */
export const SAFE = 2 ** 51;

/** n / d rounded half-even, for integers |n| ≤ SAFE and 0 < d ≤ SAFE (so q·d and the remainder are exact). */
export function divRoundN(n: number, d: number): number {
  let q = Math.trunc(n / d);
  let r = n - q * d;
  // The double quotient is within 1 of the true one: put the remainder back in range.
  if (n >= 0) {
    if (r < 0) {
      q -= 1;
      r += d;
    } else if (r >= d) {
      q += 1;
      r -= d;
    }
  } else if (r > 0) {
    q += 1;
    r -= d;
  } else if (r <= -d) {
    q -= 1;
    r += d;
  }
  if (r !== 0) {
    const twice = 2 * (r < 0 ? -r : r);
    if (twice > d || (twice === d && q % 2 !== 0)) q += n < 0 ? -1 : 1;
  }
  return q;
}

/**
 * mulDivAt on doubles: on the doubles while the product and divisor stay in range, else on bigints (a pro-rata share,
 * b ≤ c, is never larger than a, so it comes back as a double); NaN only when the result itself could not be exact.
 */
export function mulDivN(a: number, b: number, c: number, cs: number, dp: number): number {
  const p = a * b;
  const unit = POW10_NUMBER[cs - dp]!;
  const d = c * unit;
  if (p <= SAFE && p >= -SAFE && d <= SAFE && d > 0) return divRoundN(p, d) * unit;
  if (!(a <= SAFE && a >= -SAFE && b <= SAFE && b >= -SAFE && c <= SAFE && c > 0)) return NaN;
  const r = Number(mulDivAt(BigInt(a), BigInt(b), BigInt(c), cs, dp));
  return r <= SAFE && r >= -SAFE ? r : NaN;
}

/** round(q × p) at `dp` digits, at scale `cs` (cs ≥ dp), for q and p at scales qd and pd; NaN when it could be inexact. */
export function settleN(q: number, qd: number, p: number, pd: number, dp: number, cs: number): number {
  const n = q * p;
  const v = n <= SAFE ? rescaleN(n, qd + pd, dp) * POW10_NUMBER[cs - dp]! : Number(up(rescale(BigInt(q) * BigInt(p), qd + pd, dp), dp, cs));
  return v <= SAFE && v >= -SAFE ? v : NaN;
}

/** apportionAt on doubles, or undefined when a part could be inexact. */
export function apportionN(total: number, weights: readonly number[], cs: number, dp: number): number[] | undefined {
  if (!(total <= SAFE && total >= -SAFE)) return undefined;
  const n = weights.length;
  if (n === 1) return [total];
  let whole = 0;
  for (let i = 0; i < n; i++) whole += weights[i]!;
  const parts = new Array<number>(n);
  let left = total;
  for (let i = 0; i < n - 1; i++) {
    const part = whole === 0 ? 0 : mulDivN(total, weights[i]!, whole, cs, dp);
    if (part !== part) return undefined;
    parts[i] = part;
    left -= part;
  }
  parts[n - 1] = left;
  return parts;
}

/** An integer at scale `from` at scale `to`, half-even when digits drop; NaN when it could be inexact. */
export function rescaleN(n: number, from: number, to: number): number {
  if (!(n <= SAFE && n >= -SAFE)) return NaN;
  if (to >= from) {
    const v = to - from > 15 ? NaN : n * POW10_NUMBER[to - from]!;
    return v <= SAFE && v >= -SAFE ? v : NaN;
  }
  return from - to > 15 ? NaN : divRoundN(n, POW10_NUMBER[from - to]!);
}
