import { divRound } from './portfolio/fixed.js';

/**
 * Exact decimal arithmetic in scaled BigInt integers for the order path's hot steps (shared/orders/exact-pricing.ts,
 * main/orders/accounts.ts), where decimal.js (shared/money.ts, 50 digits) spends a microsecond or more per value on
 * parsing and normalising.
 *
 * The same results as decimal.js by construction: decimal.js computes each operation exactly unless its result has
 * more than 50 significant digits (then it rounds). Every operation here returns `undefined` when its exact result
 * could need more than 50 digits, and `scaled` returns `undefined` for any text that is not a canonical decimal, so a
 * caller falls back to decimal.js exactly where the two could differ. Rounding (half-even) and formatting follow
 * decimal.js's toDecimalPlaces/toFixed, including "0.00" (never "-0.00") for a negative zero.
 */

/** The value `n / 10^s` (s ≥ 0). Never mutated: values are shared through the parse cache. */
export interface Scaled {
  readonly n: bigint;
  readonly s: number;
}

/** decimal.js's precision in shared/money.ts. */
const DIGITS = 50;
const CANONICAL = /^(-?)(0|[1-9]\d*)(?:\.(\d+))?$/;

const TENS: bigint[] = [1n];
export function ten(k: number): bigint {
  while (TENS.length <= k) TENS.push(TENS[TENS.length - 1]! * 10n);
  return TENS[k]!;
}

/**
 * Parsed values by text: settings (spread, fees), balances and most quantities are the same few strings order
 * after order, and parsing a BigInt costs more than the arithmetic. Bounded (cleared when full).
 */
const parsed = new Map<string, Scaled | undefined>();

/** A canonical decimal ("12", "-0.50"; no exponent, no leading zeros, no "+"), else undefined. */
export function scaled(text: string): Scaled | undefined {
  if (parsed.has(text)) return parsed.get(text);
  const m = CANONICAL.exec(text);
  let v: Scaled | undefined;
  if (m) {
    const frac = m[3] ?? '';
    const n = BigInt(m[2]! + frac);
    v = { n: m[1] ? -n : n, s: frac.length };
  }
  if (parsed.size >= 1024) parsed.clear();
  parsed.set(text, v);
  return v;
}

export const digitsOf = (n: bigint): number => (n < 0n ? -n : n).toString().length;

/** `v`'s integer at scale `s` (s ≥ v.s). */
export const atScale = (v: Scaled, s: number): bigint => v.n * ten(s - v.s);

const fits = (n: bigint, s: number): Scaled | undefined => (digitsOf(n) > DIGITS ? undefined : { n, s });

export function add(a: Scaled, b: Scaled): Scaled | undefined {
  const s = Math.max(a.s, b.s);
  return fits(atScale(a, s) + atScale(b, s), s);
}

export function sub(a: Scaled, b: Scaled): Scaled | undefined {
  const s = Math.max(a.s, b.s);
  return fits(atScale(a, s) - atScale(b, s), s);
}

export function mul(a: Scaled, b: Scaled): Scaled | undefined {
  return digitsOf(a.n) + digitsOf(b.n) > DIGITS ? undefined : { n: a.n * b.n, s: a.s + b.s };
}

export function compare(a: Scaled, b: Scaled): number {
  const s = Math.max(a.s, b.s);
  const x = atScale(a, s);
  const y = atScale(b, s);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `n / 10^drop` rounded half-even (n of either sign); drop ≤ 0 scales up. */
export function roundHalfEven(n: bigint, drop: number): bigint {
  return drop <= 0 ? n * ten(-drop) : divRound(n, ten(drop));
}

/** decimal.js's `toDecimalPlaces(dp, ROUND_HALF_EVEN)` of an exact value. */
export function round(v: Scaled, dp: number): Scaled {
  return v.s <= dp ? v : { n: roundHalfEven(v.n, v.s - dp), s: dp };
}

/** decimal.js's `toDecimalPlaces(dp, ROUND_HALF_EVEN).toFixed(dp)`: exactly `dp` fraction digits. */
export function toFixed(v: Scaled, dp: number): string {
  const r = round(v, dp);
  const neg = r.n < 0n;
  let t = ((neg ? -r.n : r.n) * ten(dp - r.s)).toString();
  if (dp > 0) {
    t = t.padStart(dp + 1, '0');
    t = `${t.slice(0, -dp)}.${t.slice(-dp)}`;
  }
  return neg ? `-${t}` : t;
}

/** decimal.js's `toFixed()` (no argument): plain notation, no trailing fraction zeros. */
export function toPlain(v: Scaled): string {
  const t = toFixed(v, v.s);
  return v.s > 0 ? t.replace(/\.?0+$/, '') : t;
}
