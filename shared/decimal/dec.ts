import { BigDecimal, DIGITS } from './engine.js';
import { DecimalError } from './errors.js';
import { formatFixed, formatPlain } from './format.js';
import { digitsOfText, parseScaled, scan, type Scan } from './parse.js';
import { divSignificant, roundScaled, roundSignificantScaled, type Rounding } from './round.js';
import { addScaled, compareScaled, mulScaled, pow10, subScaled, withinDigits, type Scaled } from './scaled.js';

/** What a `Dec` operation accepts: a decimal text, a safe integer, or a Dec. Never a fractional JS number. */
export type DecLike = Dec | string | number;

/** Exponent forms beyond this are refused rather than written out digit by digit. */
const MAX_EXPONENT = 1000;

/**
 * An exact decimal value: always the integer `n` at scale `s` (n / 10^s), immutable. Each operation is done on the
 * bigints when its exact result has at most 50 digits, which is then what decimal.js at 50 digits would give; past
 * that it is computed by decimal.js (engine.ts) and its result taken back exactly. Division and significant-digit
 * rounding are done on the bigints too, to decimal.js's precision and rounding (round.ts). A caller never learns, or branches on, which path was taken.
 *
 * Text forms are canonical (format.ts): `toFixed()` is the shortest plain form, `toFixed(dp)` exactly `dp` fraction
 * digits rounded half-even, and zero is never signed.
 */
export class Dec implements Scaled {
  private constructor(
    readonly n: bigint,
    readonly s: number,
    /**
     * The plain text this value was parsed from when that text is its exact form at scale `s` (what
     * formatFixed(n, s, s) writes; a signed zero is not kept): formatting it again is then only a check.
     */
    private readonly text?: string,
  ) {}

  static readonly ZERO = new Dec(0n, 0);
  static readonly ONE = new Dec(1n, 0);

  /** The value `n / 10^s`. */
  static fromUnits(n: bigint, s: number): Dec {
    if (!(s >= 0) || !Number.isInteger(s)) throw new DecimalError('DECIMAL_OUT_OF_RANGE', `scale ${s} is not a non-negative integer`);
    return new Dec(n, s);
  }

  /** Parses a decimal text (plain, or an exponent form such as "1.7e-7"), a safe integer, or returns a Dec as is. */
  static of(x: DecLike): Dec {
    if (x instanceof Dec) return x;
    if (typeof x === 'number') {
      if (!Number.isSafeInteger(x)) throw new DecimalError('INVALID_DECIMAL', `not a safe integer: ${x} (pass fractions as text)`);
      return new Dec(BigInt(x), 0);
    }
    return Dec.parse(x);
  }

  /** Like `of`, but undefined for text that is not a decimal. */
  static tryOf(x: string): Dec | undefined {
    try {
      return Dec.parse(x);
    } catch (e) {
      if (e instanceof DecimalError) return undefined;
      throw e;
    }
  }

  static max(a: DecLike, b: DecLike): Dec {
    const x = Dec.of(a);
    const y = Dec.of(b);
    return x.cmp(y) >= 0 ? x : y;
  }

  static min(a: DecLike, b: DecLike): Dec {
    const x = Dec.of(a);
    const y = Dec.of(b);
    return x.cmp(y) <= 0 ? x : y;
  }

  static sum(values: Iterable<DecLike>): Dec {
    let total: Dec = Dec.ZERO;
    for (const v of values) total = total.plus(v);
    return total;
  }

  plus(other: DecLike): Dec {
    const b = Dec.of(other);
    if (b.n === 0n) return this;
    if (this.n === 0n) return b;
    const r = addScaled(this, b);
    return r ? new Dec(r.n, r.s) : Dec.fromEngine(this.engine().plus(b.engine()));
  }

  minus(other: DecLike): Dec {
    const b = Dec.of(other);
    if (b.n === 0n) return this;
    const r = subScaled(this, b);
    return r ? new Dec(r.n, r.s) : Dec.fromEngine(this.engine().minus(b.engine()));
  }

  times(other: DecLike): Dec {
    const b = Dec.of(other);
    const r = mulScaled(this, b);
    return r ? new Dec(r.n, r.s) : Dec.fromEngine(this.engine().times(b.engine()));
  }

  /** Division, as decimal.js computes it at 50 significant digits (exact when the quotient fits them). */
  div(other: DecLike): Dec {
    const b = Dec.of(other);
    if (b.n === 0n) throw new DecimalError('INVALID_DECIMAL', 'division by zero');
    // Dividing by ±10^k only moves the point: exact, and what decimal.js gives while the digits fit its precision.
    if (withinDigits(this.n)) {
      const k = powerOfTen(b.n < 0n ? -b.n : b.n);
      if (k !== undefined) {
        const q = this.shift(b.s - k);
        return b.n < 0n ? q.neg() : q;
      }
    }
    const q = divSignificant(this, b, DIGITS, MAX_EXPONENT - DIGITS);
    return q ? new Dec(q.n, q.s) : Dec.fromEngine(this.engine().div(b.engine()));
  }

  neg(): Dec {
    return this.n === 0n ? this : new Dec(-this.n, this.s);
  }

  abs(): Dec {
    return this.n < 0n ? new Dec(-this.n, this.s) : this;
  }

  /** -1, 0 or 1. */
  cmp(other: DecLike): -1 | 0 | 1 {
    return compareScaled(this, Dec.of(other));
  }

  eq(other: DecLike): boolean {
    return this.cmp(other) === 0;
  }

  lt(other: DecLike): boolean {
    return this.cmp(other) < 0;
  }

  lte(other: DecLike): boolean {
    return this.cmp(other) <= 0;
  }

  gt(other: DecLike): boolean {
    return this.cmp(other) > 0;
  }

  gte(other: DecLike): boolean {
    return this.cmp(other) >= 0;
  }

  isZero(): boolean {
    return this.n === 0n;
  }

  /** Strictly below zero. */
  isNeg(): boolean {
    return this.n < 0n;
  }

  /** Strictly above zero. */
  isPos(): boolean {
    return this.n > 0n;
  }

  sign(): -1 | 0 | 1 {
    return this.n < 0n ? -1 : this.n > 0n ? 1 : 0;
  }

  /** Fraction digits of the shortest form ("1.50" → 1). */
  decimalPlaces(): number {
    if (this.s === 0 || this.n === 0n) return 0;
    const t = this.n.toString();
    let zeros = 0;
    while (zeros < this.s && t.charCodeAt(t.length - 1 - zeros) === 48) zeros++;
    return this.s - zeros;
  }

  /** At most `dp` fraction digits (decimal.js's toDecimalPlaces), half-even unless told otherwise. */
  round(dp: number, mode: Rounding = 'half-even'): Dec {
    if (this.s <= dp) return this;
    const r = roundScaled(this, dp, mode);
    return new Dec(r.n, r.s);
  }

  /** `sd` significant digits, half-even (decimal.js's toSignificantDigits). */
  roundSignificant(sd: number): Dec {
    if (!(sd >= 1) || !Number.isInteger(sd)) return Dec.fromEngine(this.engine().toSignificantDigits(sd, BigDecimal.ROUND_HALF_EVEN));
    const r = roundSignificantScaled(this, sd);
    return r === this ? this : new Dec(r.n, r.s);
  }

  /** The value × 10^k (k of either sign), exact. */
  shift(k: number): Dec {
    if (k >= 0) return k <= this.s ? new Dec(this.n, this.s - k) : new Dec(this.n * pow10(k - this.s), 0);
    return new Dec(this.n, this.s - k);
  }

  /** The value as an integer at scale `dp` when it has at most `dp` fraction digits, else undefined. */
  unitsAt(dp: number): bigint | undefined {
    if (this.s <= dp) return this.n * pow10(dp - this.s);
    const r = roundScaled(this, dp, 'down');
    return r.n * pow10(this.s - dp) === this.n ? r.n : undefined;
  }

  /** Canonical text: the shortest plain form, or exactly `dp` fraction digits rounded half-even. */
  toFixed(dp?: number): string {
    const t = this.text;
    if (t !== undefined && (dp === undefined ? this.s === 0 || t.charCodeAt(t.length - 1) !== 48 : dp === this.s)) return t;
    return dp === undefined ? formatPlain(this.n, this.s) : formatFixed(this.n, this.s, dp);
  }

  toString(): string {
    return this.toFixed();
  }

  toJSON(): string {
    return this.toFixed();
  }

  /**
   * No cache by text: a parse (a scan and one BigInt) costs less than a Map lookup of a string not seen before,
   * which is what balances and amounts mostly are.
   */
  private static parse(text: string): Dec {
    if (scan(text, Infinity, read)) {
      const n = digitsOfText(text, read);
      return new Dec(n, read.digits, n === 0n && text.charCodeAt(0) === 45 ? undefined : text);
    }
    const v = parseOther(text);
    return new Dec(v.n, v.s);
  }

  private static fromEngine(big: BigDecimal): Dec {
    const v = exactOf(big);
    return new Dec(v.n, v.s);
  }

  private engine(): BigDecimal {
    return new BigDecimal(formatPlain(this.n, this.s));
  }
}

/** k when n = 10^k, else undefined. */
function powerOfTen(n: bigint): number | undefined {
  const t = n.toString();
  return /^10*$/.test(t) ? t.length - 1 : undefined;
}

const read: Scan = { units: NaN, digits: 0 };

/** Anything else decimal.js reads as a finite number (exponent forms, leading zeros, "+1"), taken exactly. */
function parseOther(text: string): Scaled {
  let big: BigDecimal;
  try {
    big = new BigDecimal(text);
  } catch {
    throw new DecimalError('INVALID_DECIMAL', `not a decimal: ${JSON.stringify(text.slice(0, 40))}`);
  }
  return exactOf(big);
}

/** A finite decimal.js value as an integer at a scale, exactly. */
function exactOf(big: BigDecimal): Scaled {
  if (!big.isFinite()) throw new DecimalError('INVALID_DECIMAL', `not a finite decimal: ${big.toString()}`);
  if (Math.abs(big.e) > MAX_EXPONENT) throw new DecimalError('DECIMAL_OUT_OF_RANGE', `${big.toString()} is too far from 1 to write out`);
  const v = parseScaled(big.toFixed());
  if (!v) throw new DecimalError('INVALID_DECIMAL', `not a decimal: ${big.toString()}`);
  return v;
}

/** Shorthand for `Dec.of`. */
export const dec = (x: DecLike): Dec => Dec.of(x);
