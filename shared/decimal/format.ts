import { divRound } from './round.js';
import { pow10 } from './scaled.js';

/**
 * The canonical text forms: plain notation, no exponent, no "+", and zero never signed ("0.00", never "-0.00").
 * `formatFixed` writes exactly `digits` fraction digits (half-even when it drops some); `formatPlain` the shortest
 * exact form.
 */
export function formatFixed(n: bigint, s: number, digits: number): string {
  const v = digits >= s ? n * pow10(digits - s) : divRound(n, pow10(s - digits));
  const neg = v < 0n;
  const t = (neg ? -v : v).toString();
  if (digits === 0) return neg ? `-${t}` : t;
  const padded = t.padStart(digits + 1, '0');
  const body = `${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
  return neg ? `-${body}` : body;
}

/** Shortest exact form of `n / 10^s` ("1.5", "0.000000000000000001", "12", "0"). */
export function formatPlain(n: bigint, s: number): string {
  const full = formatFixed(n, s, s);
  if (s === 0) return full;
  const trimmed = full.replace(/0+$/, '');
  return trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
}
