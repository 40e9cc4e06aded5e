import { DIGITS } from './engine.js';

/**
 * The bigint core: a decimal is the integer `n` at scale `s`, i.e. `n / 10^s` (s ≥ 0). `Dec` (dec.ts) is built on
 * these functions; hot loops that hold figures at one fixed scale (the import's balances, the portfolio engine) use
 * them directly on bigints instead of allocating a value per step.
 */
export interface Scaled {
  readonly n: bigint;
  readonly s: number;
}

const TENS: bigint[] = [1n];
for (let i = 1; i <= 120; i++) TENS.push(TENS[i - 1]! * 10n);

/** 10^k as a bigint (k ≥ 0); the first 121 are precomputed, as the engine's hot loops ask for them constantly. */
export function pow10(k: number): bigint {
  const p = TENS[k];
  if (p !== undefined) return p;
  if (!(k >= 0) || !Number.isInteger(k)) throw new RangeError(`10^${k} out of range`);
  while (TENS.length <= k) TENS.push(TENS[TENS.length - 1]! * 10n);
  return TENS[k]!;
}

/** Decimal digits of |n| ("0" has one). */
export const digitsOf = (n: bigint): number => (n < 0n ? -n : n).toString().length;

const LIMIT = 10n ** BigInt(DIGITS);

/** Whether `n` has at most DIGITS digits, so decimal.js would hold it exactly too. */
export const withinDigits = (n: bigint): boolean => n < LIMIT && n > -LIMIT;

/** `v`'s integer at scale `s` (s ≥ v.s). */
export const atScale = (v: Scaled, s: number): bigint => (s === v.s ? v.n : v.n * pow10(s - v.s));

/** The sum, or undefined when it could need more than DIGITS digits (decimal.js would round it). */
export function addScaled(a: Scaled, b: Scaled): Scaled | undefined {
  const s = a.s > b.s ? a.s : b.s;
  const n = atScale(a, s) + atScale(b, s);
  return withinDigits(n) ? { n, s } : undefined;
}

/** The difference, or undefined past DIGITS digits. */
export function subScaled(a: Scaled, b: Scaled): Scaled | undefined {
  const s = a.s > b.s ? a.s : b.s;
  const n = atScale(a, s) - atScale(b, s);
  return withinDigits(n) ? { n, s } : undefined;
}

/** The product, or undefined when it has more than DIGITS digits. */
export function mulScaled(a: Scaled, b: Scaled): Scaled | undefined {
  const n = a.n * b.n;
  return withinDigits(n) ? { n, s: a.s + b.s } : undefined;
}

/** -1, 0 or 1, exactly. */
export function compareScaled(a: Scaled, b: Scaled): -1 | 0 | 1 {
  if (a.s === b.s) return a.n < b.n ? -1 : a.n > b.n ? 1 : 0;
  const s = a.s > b.s ? a.s : b.s;
  const x = atScale(a, s);
  const y = atScale(b, s);
  return x < y ? -1 : x > y ? 1 : 0;
}
