import { atScale as at, digitsOf, roundHalfEven, scaled, ten, toFixed as fixedOf, toPlain as plainOf, type Scaled } from '../exact-decimal.js';
import type { FeeSchedule, Side } from './pricing.js';

/**
 * The market-order pricing of pricing.ts (execution price, gross, fee, total) in scaled BigInt integers, for the
 * order path: decimal.js at 50 digits spends most of an estimate's and a fill's time parsing and normalising,
 * where these few integer operations cost a fraction of that.
 *
 * Same results by construction, not by approximation: decimal.js computes each step exactly unless the step's
 * result has more than its 50 significant digits, and then rounds once per step at the end (half-even), as here. So
 * every function returns `undefined` (the caller falls back to decimal.js) when an intermediate value could need
 * more than 50 digits or an input is not a canonical positive decimal; otherwise the exact integer arithmetic below
 * is the value decimal.js holds (shared/exact-decimal.ts). test/unit/orders-exact-pricing.test.ts checks it against
 * pricing.ts at random.
 */

/** decimal.js's precision in shared/money.ts. */
const DIGITS = 50;

const PRICE_DIGITS = 10;

/** A canonical non-negative decimal (the fee settings default to "0"), else undefined. */
function parse(text: string | undefined): Scaled | undefined {
  const v = scaled(text ?? '0');
  return v && v.n >= 0n ? v : undefined;
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
    price: plainOf(exec),
    priceValue: exec,
    gross: fixedOf({ n: gross, s: mu }, mu),
    fee: fixedOf({ n: fee, s: mu }, mu),
    total: fixedOf({ n: input.side === 'buy' ? gross + fee : gross - fee, s: mu }, mu),
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
  return q ? plainOf(q) : undefined;
}
