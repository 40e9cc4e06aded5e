import { D, fractionDigits, type Dec } from '../money.js';
import { exactFill, plainQuantity } from './exact-pricing.js';
import { refuse, type OrderResult } from './errors.js';

/**
 * Order value and estimated cost (the order form's figures and the amount to reserve).
 * - The live price is a mid; the venue fills a buy at mid × (1 + spread/2) and a sell at mid × (1 − spread/2), the
 *   spread given in basis points of the full bid–ask width. Execution prices keep 10 digits, half-even.
 * - Fee = max(minimum, gross × rate) + fixed, half-even at the currency's minor unit (docs/design.md#money).
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

export function executionPrice(side: Side, price: string, spreadBps = '0'): Dec {
  const half = new D(spreadBps).dividedBy(20_000);
  const factor = side === 'buy' ? new D(1).plus(half) : new D(1).minus(half);
  return new D(price).times(factor).toDecimalPlaces(PRICE_DIGITS, D.ROUND_HALF_EVEN);
}

export function feeFor(gross: Dec, schedule: FeeSchedule | undefined, minorUnit: number): Dec {
  if (!schedule) return new D(0);
  const proportional = gross.times(schedule.rate ?? '0');
  const min = new D(schedule.minimum ?? '0');
  return D.max(proportional, min).plus(schedule.fixed ?? '0').toDecimalPlaces(minorUnit, D.ROUND_HALF_EVEN);
}

/** quantity × price at the currency's minor unit (half-even): the value a fill settles at. */
export function orderValue(quantity: string | Dec, price: string | Dec, minorUnit: number): string {
  return new D(quantity).times(price).toDecimalPlaces(minorUnit, D.ROUND_HALF_EVEN).toFixed(minorUnit);
}

const POSITIVE = /^(0|[1-9]\d*)(\.\d+)?$/;

/**
 * The estimate of an order. By quantity (every market order's estimate, and the paper venue's fill) in exact
 * integers when they can (shared/orders/exact-pricing.ts); everything else, and every refusal, by decimal.js below.
 */
export function estimateOrder(input: EstimateInput): OrderResult<Estimate> {
  if (input.quantity !== undefined && input.amount === undefined) {
    const quantity = plainQuantity(input.quantity);
    const price = plainQuantity(input.price);
    if (quantity !== undefined && quantity !== '0' && price !== undefined && price !== '0' && fractionDigits(quantity) <= (input.quantityDecimals ?? 18)) {
      const fill = exactFill({ side: input.side, mid: input.price, spreadBps: input.spreadBps, fee: input.fee, minorUnit: input.minorUnit, quantity });
      if (fill) return { ok: true, data: { executionPrice: fill.price, quantity, gross: fill.gross, fee: fill.fee, total: fill.total } };
    }
  }
  return estimateOrderDecimal(input);
}

/** estimateOrder in decimal.js only: the reference the exact path is tested against, and its fallback. */
export function estimateOrderDecimal(input: EstimateInput): OrderResult<Estimate> {
  const qd = input.quantityDecimals ?? 18;
  const mu = input.minorUnit;
  const bad = (message: string, details?: Record<string, unknown>) => refuse('INVALID_AMOUNT', message, details);
  if (!POSITIVE.test(input.price) || new D(input.price).isZero()) return bad('price must be positive', { price: input.price });
  if ((input.quantity === undefined) === (input.amount === undefined)) return bad('give either a quantity or an amount');
  const exec = executionPrice(input.side, input.price, input.spreadBps);
  let qty: Dec;
  if (input.quantity !== undefined) {
    if (!POSITIVE.test(input.quantity) || new D(input.quantity).isZero() || new D(input.quantity).decimalPlaces() > qd) {
      return bad(`quantity must be positive with at most ${qd} fraction digits`, { quantity: input.quantity });
    }
    qty = new D(input.quantity);
  } else {
    const amount = input.amount!;
    if (!POSITIVE.test(amount) || new D(amount).isZero() || new D(amount).decimalPlaces() > mu) {
      return bad(`amount must be positive with at most ${mu} fraction digits`, { amount });
    }
    let target = new D(amount);
    if (input.side === 'buy') {
      // Largest gross with gross + fee(gross) ≤ amount (see the note above; rounding cannot push it over).
      const rate = new D(input.fee?.rate ?? '0');
      const fixed = new D(input.fee?.fixed ?? '0');
      const min = new D(input.fee?.minimum ?? '0');
      const afterFixed = target.minus(fixed);
      target = afterFixed.dividedBy(rate.plus(1)).toDecimalPlaces(mu, D.ROUND_DOWN);
      if (target.times(rate).lt(min)) target = afterFixed.minus(min).toDecimalPlaces(mu, D.ROUND_DOWN);
    }
    qty = target.isPositive() ? target.dividedBy(exec).toDecimalPlaces(qd, D.ROUND_DOWN) : new D(0);
    const unit = new D(10).pow(-qd);
    // Belt and braces: never reserve less than the fill could cost.
    while (input.side === 'buy' && qty.isPositive() && costOf(qty, exec, input.fee, mu).gt(amount)) qty = qty.minus(unit);
    if (!qty.isPositive()) return bad('the amount is too small for one unit at this price and fee', { amount });
  }
  const gross = qty.times(exec).toDecimalPlaces(mu, D.ROUND_HALF_EVEN);
  const fee = feeFor(gross, input.fee, mu);
  const total = input.side === 'buy' ? gross.plus(fee) : gross.minus(fee);
  return { ok: true, data: { executionPrice: exec.toFixed(), quantity: qty.toFixed(), gross: gross.toFixed(mu), fee: fee.toFixed(mu), total: total.toFixed(mu) } };
}

function costOf(qty: Dec, exec: Dec, fee: FeeSchedule | undefined, mu: number): Dec {
  const gross = qty.times(exec).toDecimalPlaces(mu, D.ROUND_HALF_EVEN);
  return gross.plus(feeFor(gross, fee, mu));
}
