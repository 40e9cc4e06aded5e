/**
 * Exact fixed-point figures for the import's held balances (main/activities/bulk.ts): a plain decimal with at most
 * `scale` fraction digits is the integer `value × 10^scale`, so adding and comparing need no decimal.js object per
 * row. Every figure an import moves already has at most the currency's minor unit of digits (planActivity refuses
 * more), so this is the path a file takes; anything else answers null and the caller keeps decimal.js.
 */

import { formatFixed, formatPlain } from '../../shared/portfolio/fixed.js';

const PLAIN = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Below this magnitude a figure has fewer than decimal.js's 50 significant digits (shared/money.ts), so decimal.js
 * would compute it exactly too and both paths agree digit for digit; at or above it the caller falls back.
 */
export const SCALED_LIMIT = 10n ** 49n;

/** `text × 10^scale` as an integer, or null when `text` is not a plain decimal with at most `scale` fraction digits. */
export function toScaled(text: string, scale: number): bigint | null {
  const m = PLAIN.exec(text);
  if (!m) return null;
  const frac = m[3] ?? '';
  if (frac.length > scale) return null;
  const v = BigInt(m[2]! + frac.padEnd(scale, '0'));
  return m[1] ? -v : v;
}

/** A scaled integer with exactly `scale` fraction digits: `toMoneyString(new D(x), scale)` of the exact value. */
export function scaledText(v: bigint, scale: number): string {
  return formatFixed(v, scale, scale);
}

/** A scaled integer as decimal.js's `toFixed()` writes it: no trailing fraction zeros, "0" for zero. */
export function scaledPlain(v: bigint, scale: number): string {
  return formatPlain(v, scale);
}

/** |v| < SCALED_LIMIT: decimal.js would hold the same value exactly. */
export function withinScaled(v: bigint): boolean {
  return v < SCALED_LIMIT && v > -SCALED_LIMIT;
}
