import { Decimal } from 'decimal.js';

/**
 * decimal.js, configured once: the engine `Dec` (dec.ts) falls back to for what scaled integers cannot do exactly in
 * its precision (division, a result past 50 significant digits, significant-digit rounding). Nothing outside
 * `shared/decimal/` computes with it; tests use it as the reference the fast path is checked against.
 */
export const BigDecimal = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
export type BigDecimal = InstanceType<typeof BigDecimal>;

/**
 * The engine's precision. decimal.js computes each operation exactly and rounds only a result with more significant
 * digits than this, so a scaled-integer result of at most DIGITS digits is the value decimal.js would hold.
 */
export const DIGITS = 50;
