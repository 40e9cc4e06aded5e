import type { FeeSchedule, Side } from './pricing.js';

/**
 * The market-order pricing of pricing.ts (execution price, gross, fee, total) in scaled BigInt integers, for the
 * order path: decimal.js at 50 digits spends ~20 µs on an estimate and ~10 µs on a fill, most of it parsing and
 * normalising, where these few integer operations take a microsecond or two.
 *
 * Same results by construction, not by approximation: decimal.js computes each step exactly unless the step's
 * result has more than its 50 significant digits, and then rounds once per step at the end (half-even), as here. So
 * every function returns `undefined` (the caller falls back to decimal.js) when an intermediate value could need
 * more than 50 digits or an input is not a canonical positive decimal; otherwise the exact integer arithmetic below
 * is the value decimal.js holds. test/unit/orders-exact-pricing.test.ts checks it against pricing.ts at random.
 */

/** A value `n / 10^s` (n ≥ 0). */
interface Scaled {
  n: bigint;
  s: number;
}

/** decimal.js's precision in shared/money.ts: a product or sum with at most this many digits is exact there. */
const DIGITS = 50;
const PRICE_DIGITS = 10;
const CANONICAL = /^(0|[1-9]\d*)(?:\.(\d+))?$/;

const TENS: bigint[] = [1n];
function ten(k: number): bigint {
  while (TENS.length <= k) TENS.push(TENS[TENS.length - 1]! * 10n);
  return TENS[k]!;
}

/**
 * Parsed values by text: the spread, fee settings and most quantities are the same few strings order after order,
 * and parsing a BigInt costs more than the arithmetic. Bounded (cleared when full); a Scaled is never mutated.
 */
const parsed = new Map<string, Scaled | undefined>();

function parse(text: string | undefined, fallback = '0'): Scaled | undefined {
  const t = text ?? fallback;
  if (parsed.has(t)) return parsed.get(t);
  const m = CANONICAL.exec(t);
  let v: Scaled | undefined;
  if (m) {
    const frac = m[2] ?? '';
    v = { n: BigInt(m[1]! + frac), s: frac.length };
  }
  if (parsed.size >= 512) parsed.clear();
  parsed.set(t, v);
  return v;
}

const digitsOf = (n: bigint) => (n < 0n ? -n : n).toString().length;

/** `v` at scale `s` (s ≥ v.s). */
const at = (v: Scaled, s: number) => v.n * ten(s - v.s);

/** `n / 10^drop` rounded half-even (n may be negative). */
function roundHalfEven(n: bigint, drop: number): bigint {
  if (drop <= 0) return n * ten(-drop);
  const d = ten(drop);
  const neg = n < 0n;
  const a = neg ? -n : n;
  let q = a / d;
  const twice = (a - q * d) * 2n;
  if (twice > d || (twice === d && (q & 1n) === 1n)) q += 1n;
  return neg ? -q : q;
}

/** `v.n / 10^v.s` at exactly `dp` fraction digits (dp ≥ v.s) — decimal.js's toFixed(dp) of that exact value. */
function toFixed(n: bigint, s: number, dp: number): string {
  const neg = n < 0n;
  let t = ((neg ? -n : n) * ten(dp - s)).toString();
  if (dp > 0) {
    t = t.padStart(dp + 1, '0');
    t = `${t.slice(0, -dp)}.${t.slice(-dp)}`;
  }
  return neg && n !== 0n ? `-${t}` : t;
}

/** decimal.js's toFixed() (no argument) of `n / 10^s` ≥ 0: plain notation, no trailing fraction zeros. */
function toPlain(n: bigint, s: number): string {
  const t = toFixed(n, s, s);
  return s > 0 ? t.replace(/\.?0+$/, '') : t;
}

/** 1 ± spread/20000 (half the spread in basis points of the full width), exactly: 20000 = 2 · 10^4. */
function spreadFactor(side: Side, spreadBps: string): Scaled | undefined {
  const spread = parse(spreadBps);
  if (!spread) return undefined;
  const half: Scaled = spread.n % 2n === 0n ? { n: spread.n / 2n, s: spread.s + 4 } : { n: spread.n * 5n, s: spread.s + 5 };
  const one = ten(half.s);
  const n = side === 'buy' ? one + half.n : one - half.n;
  if (n <= 0n || digitsOf(n) > DIGITS) return undefined;
  return { n, s: half.s };
}

/** executionPrice of pricing.ts: mid × factor, half-even at 10 digits. */
export function exactExecutionPrice(side: Side, price: string, spreadBps = '0'): Scaled | undefined {
  const p = parse(price);
  const f = spreadFactor(side, spreadBps);
  if (!p || !f || digitsOf(p.n) + digitsOf(f.n) > DIGITS) return undefined;
  return { n: roundHalfEven(p.n * f.n, p.s + f.s - PRICE_DIGITS), s: PRICE_DIGITS };
}

/** quantity × price half-even at the minor unit (the gross of a fill). */
function grossOf(q: Scaled, price: Scaled, mu: number): bigint | undefined {
  if (digitsOf(q.n) + digitsOf(price.n) > DIGITS) return undefined;
  return roundHalfEven(q.n * price.n, q.s + price.s - mu);
}

/** feeFor of pricing.ts on a gross at the minor unit: max(gross × rate, minimum) + fixed, half-even at the minor unit. */
function feeOf(gross: bigint, schedule: FeeSchedule | undefined, mu: number): bigint | undefined {
  if (!schedule) return 0n;
  const rate = parse(schedule.rate);
  const min = parse(schedule.minimum);
  const fixed = parse(schedule.fixed);
  if (!rate || !min || !fixed || digitsOf(gross) + digitsOf(rate.n) > DIGITS) return undefined;
  const prop: Scaled = { n: gross * rate.n, s: mu + rate.s };
  const s = Math.max(prop.s, min.s, fixed.s);
  const larger = at(prop, s) >= at(min, s) ? prop : min;
  const sum = at(larger, s) + at(fixed, s);
  if (digitsOf(sum) > DIGITS) return undefined;
  return roundHalfEven(sum, s - mu);
}

export interface ExactFill {
  /** Execution price (pricing.ts's toFixed() form) and its scaled value. */
  price: string;
  priceValue: Scaled;
  gross: string;
  fee: string;
  /** Buy: gross + fee; sell: gross − fee; at the minor unit. */
  total: string;
}

/**
 * A fill of `quantity` at `mid`, as estimateOrder (by quantity) and the paper venue compute it. `quantity` must be
 * canonical and positive; undefined means "use decimal.js" (see the note at the top).
 */
export function exactFill(input: { side: Side; mid: string; spreadBps?: string; fee?: FeeSchedule; minorUnit: number; quantity: string }): ExactFill | undefined {
  const exec = exactExecutionPrice(input.side, input.mid, input.spreadBps);
  const q = parse(input.quantity);
  if (!exec || !q || q.n === 0n) return undefined;
  const mu = input.minorUnit;
  const gross = grossOf(q, exec, mu);
  if (gross === undefined) return undefined;
  const fee = feeOf(gross, input.fee, mu);
  if (fee === undefined) return undefined;
  return {
    price: toPlain(exec.n, exec.s),
    priceValue: exec,
    gross: toFixed(gross, mu, mu),
    fee: toFixed(fee, mu, mu),
    total: toFixed(input.side === 'buy' ? gross + fee : gross - fee, mu, mu),
  };
}

/** Whether `price` (scaled) is worse than `limit` for this side; undefined when the limit is not canonical. */
export function beyondLimit(side: Side, price: Scaled, limit: string): boolean | undefined {
  const l = parse(limit);
  if (!l) return undefined;
  const s = Math.max(price.s, l.s);
  const p = at(price, s);
  const lim = at(l, s);
  return side === 'buy' ? p > lim : p < lim;
}

/** A canonical quantity in decimal.js's toFixed() form (no trailing fraction zeros); undefined when not canonical. */
export function plainQuantity(quantity: string): string | undefined {
  const q = parse(quantity);
  return q ? toPlain(q.n, q.s) : undefined;
}
