import { Dec, parseScaled, type DecLike } from '../decimal/index.js';
import { refuse, type OrderResult } from './errors.js';

/**
 * Order value and estimated cost (the order form's figures and the amount to reserve).
 * - The live price is a mid; the venue fills a buy at mid × (1 + spread/2) and a sell at mid × (1 − spread/2), the
 *   spread given in basis points of the full bid–ask width. Execution prices keep 10 digits, half-even.
 * - Fee = max(minimum, gross × rate) + fixed, half-even at the currency's minor unit (shared/decimal/round.ts).
 * - Gross = quantity × execution price, half-even at the minor unit. A buy costs gross + fee; a sell yields gross − fee.
 * - By amount: a buy's amount is all the cash it may use, fee included; the quantity is the largest one (truncated to
 *   the instrument's digits) whose cost fits, so the reservation of `amount` always covers the fill. A sell by amount
 *   sells the largest quantity whose gross does not exceed the amount.
 */
export type Side = 'buy' | 'sell';

export interface FeeSchedule {
  /** Fraction of the gross, e.g. "0.001" for 0.1 %. */
  rate?: string;
  minimum?: string;
  fixed?: string;
}

export interface EstimateInput {
  side: Side;
  /** Live (mid) price in the quote currency. */
  price: string;
  spreadBps?: string;
  fee?: FeeSchedule;
  /** Minor unit of the quote currency. */
  minorUnit: number;
  /** Fraction digits the instrument trades in (0 for whole shares, 8 for BTC); default 18. */
  quantityDecimals?: number;
  quantity?: string;
  amount?: string;
}

export interface Estimate {
  executionPrice: string;
  quantity: string;
  gross: string;
  fee: string;
  /** Buy: cash needed (gross + fee). Sell: cash received (gross − fee). */
  total: string;
}

const PRICE_DIGITS = 10;

/** 1 ± spread/20000: half the spread, in basis points of the full bid–ask width. */
function spreadFactor(side: Side, spreadBps: DecLike): Dec {
  // spread / 20000 = spread × 5 / 10^5, exactly (what the division gives while the digits fit its precision).
  const half = Dec.of(spreadBps).times(5).shift(-5);
  return side === 'buy' ? Dec.ONE.plus(half) : Dec.ONE.minus(half);
}

export function executionPrice(side: Side, price: DecLike, spreadBps: DecLike = '0'): Dec {
  return Dec.of(price).times(spreadFactor(side, spreadBps)).round(PRICE_DIGITS);
}

export function feeFor(gross: DecLike, schedule: FeeSchedule | undefined, minorUnit: number): Dec {
  if (!schedule) return Dec.ZERO;
  const proportional = Dec.of(gross).times(schedule.rate ?? '0');
  return Dec.max(proportional, schedule.minimum ?? '0')
    .plus(schedule.fixed ?? '0')
    .round(minorUnit);
}

/** quantity × price at the currency's minor unit (half-even): the value a fill settles at. */
export function orderValue(quantity: DecLike, price: DecLike, minorUnit: number): string {
  return Dec.of(quantity).times(price).toFixed(minorUnit);
}

/** A positive plain decimal (not zero), else undefined. */
function positive(text: string): Dec | undefined {
  const v = parseScaled(text);
  return v && v.n > 0n ? Dec.fromUnits(v.n, v.s) : undefined;
}

export interface PricedFill {
  price: Dec;
  gross: string;
  fee: string;
  /** Buy: gross + fee; sell: gross − fee; at the minor unit. */
  total: string;
}

/** A fill of `quantity` at `mid` ± half the spread, with its fee: what an estimate by quantity and the paper venue give. */
export function fillAt(input: { side: Side; mid: DecLike; spreadBps?: DecLike; fee?: FeeSchedule; minorUnit: number; quantity: DecLike }): PricedFill {
  const mu = input.minorUnit;
  const price = executionPrice(input.side, input.mid, input.spreadBps);
  const gross = Dec.of(input.quantity).times(price).round(mu);
  const fee = feeFor(gross, input.fee, mu);
  const total = input.side === 'buy' ? gross.plus(fee) : gross.minus(fee);
  return { price, gross: gross.toFixed(mu), fee: fee.toFixed(mu), total: total.toFixed(mu) };
}

/** Whether `price` is worse than `limit` for this side (a buy above it, a sell below it). */
export function beyondLimit(side: Side, price: DecLike, limit: DecLike): boolean {
  const p = Dec.of(price);
  return side === 'buy' ? p.gt(limit) : p.lt(limit);
}

/** The estimate of an order, or the refusal of its figures. */
export function estimateOrder(input: EstimateInput): OrderResult<Estimate> {
  const qd = input.quantityDecimals ?? 18;
  const mu = input.minorUnit;
  const bad = (message: string, details?: Record<string, unknown>) => refuse('INVALID_AMOUNT', message, details);
  const price = positive(input.price);
  if (!price) return bad('price must be positive', { price: input.price });
  if ((input.quantity === undefined) === (input.amount === undefined)) return bad('give either a quantity or an amount');
  if (input.quantity !== undefined) {
    const qty = positive(input.quantity);
    if (!qty || qty.decimalPlaces() > qd) {
      return bad(`quantity must be positive with at most ${qd} fraction digits`, { quantity: input.quantity });
    }
    const fill = fillAt({ side: input.side, mid: price, spreadBps: input.spreadBps, fee: input.fee, minorUnit: mu, quantity: qty });
    return { ok: true, data: { executionPrice: fill.price.toFixed(), quantity: qty.toFixed(), gross: fill.gross, fee: fill.fee, total: fill.total } };
  }
  const amount = input.amount!;
  let target = positive(amount);
  if (!target || target.decimalPlaces() > mu) {
    return bad(`amount must be positive with at most ${mu} fraction digits`, { amount });
  }
  const exec = executionPrice(input.side, price, input.spreadBps);
  if (input.side === 'buy') {
    // Largest gross with gross + fee(gross) ≤ amount (see the note above; rounding cannot push it over).
    const rate = Dec.of(input.fee?.rate ?? '0');
    const fixed = Dec.of(input.fee?.fixed ?? '0');
    const min = Dec.of(input.fee?.minimum ?? '0');
    const afterFixed = target.minus(fixed);
    target = afterFixed.div(rate.plus(1)).round(mu, 'down');
    if (target.times(rate).lt(min)) target = afterFixed.minus(min).round(mu, 'down');
  }
  // Zero counts as "not negative" here: a zero quantity is refused below only when even its fee does not fit.
  let qty = target.isNeg() ? Dec.ZERO : target.div(exec).round(qd, 'down');
  const unit = Dec.fromUnits(1n, qd);
  // Belt and braces: never reserve less than the fill could cost.
  while (input.side === 'buy' && !qty.isNeg() && costOf(qty, exec, input.fee, mu).gt(amount)) qty = qty.minus(unit);
  if (qty.isNeg()) return bad('the amount is too small for one unit at this price and fee', { amount });
  const gross = qty.times(exec).round(mu);
  const fee = feeFor(gross, input.fee, mu);
  const total = input.side === 'buy' ? gross.plus(fee) : gross.minus(fee);
  return { ok: true, data: { executionPrice: exec.toFixed(), quantity: qty.toFixed(), gross: gross.toFixed(mu), fee: fee.toFixed(mu), total: total.toFixed(mu) } };
}

function costOf(qty: Dec, exec: Dec, fee: FeeSchedule | undefined, mu: number): Dec {
  const gross = qty.times(exec).round(mu);
  return gross.plus(feeFor(gross, fee, mu));
}
