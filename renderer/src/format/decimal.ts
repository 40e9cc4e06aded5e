/**
 * Exact questions about decimal strings ("-12.50", "0.000"), answered on the digits themselves: the renderer never
 * turns money into a float to compare it. Anything that is not a plain decimal counts as zero / equal, so a bad value
 * from the server only loses a colour, never throws in the middle of a render.
 */

const PLAIN = /^(-?)(\d+)(?:\.(\d+))?$/;

interface Parts {
  negative: boolean;
  int: string;
  frac: string;
}

function parts(value: string): Parts | null {
  const m = PLAIN.exec(value.trim());
  if (!m) return null;
  const int = m[2]!.replace(/^0+(?=\d)/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const zero = /^0*$/.test(int) && frac === '';
  return { negative: m[1] === '-' && !zero, int: zero ? '0' : int, frac };
}

/** -1, 0 or 1. "-0.00" is 0. */
export function signOf(value: string): -1 | 0 | 1 {
  const p = parts(value);
  if (!p || (p.int === '0' && p.frac === '')) return 0;
  return p.negative ? -1 : 1;
}

export function isZeroDecimal(value: string): boolean {
  return signOf(value) === 0;
}

function compareMagnitude(a: Parts, b: Parts): -1 | 0 | 1 {
  if (a.int.length !== b.int.length) return a.int.length < b.int.length ? -1 : 1;
  if (a.int !== b.int) return a.int < b.int ? -1 : 1;
  const len = Math.max(a.frac.length, b.frac.length);
  const fa = a.frac.padEnd(len, '0');
  const fb = b.frac.padEnd(len, '0');
  if (fa === fb) return 0;
  return fa < fb ? -1 : 1;
}

/** Exact comparison of two decimal strings: -1 when a < b, 0 when equal, 1 when a > b. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const pa = parts(a);
  const pb = parts(b);
  if (!pa || !pb) return 0;
  const sa = signOf(a);
  const sb = signOf(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  const m = compareMagnitude(pa, pb);
  return (sa < 0 ? -m : m) as -1 | 0 | 1;
}

/** "positive" / "negative" / "" — the class that colours a P&L figure. */
export function pnlClass(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = signOf(value);
  return s > 0 ? 'positive' : s < 0 ? 'negative' : '';
}
