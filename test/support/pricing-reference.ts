import { BigDecimal as D } from '../../shared/decimal/engine.js';
import { refuse, type OrderResult } from '../../shared/orders/errors.js';
import type { Estimate, EstimateInput, FeeSchedule, Side } from '../../shared/orders/pricing.js';

/**
 * The order pricing of shared/orders/pricing.ts written in decimal.js alone, step by step as it was before the exact
 * decimal type existed: the reference the type's pricing is checked against (test/unit/orders-pricing-reference.test.ts).
 */
type Dec = InstanceType<typeof D>;

const PRICE_DIGITS = 10;

export function executionPriceDecimal(side: Side, price: string, spreadBps = '0'): Dec {
  const half = new D(spreadBps).dividedBy(20_000);
  const factor = side === 'buy' ? new D(1).plus(half) : new D(1).minus(half);
  return new D(price).times(factor).toDecimalPlaces(PRICE_DIGITS, D.ROUND_HALF_EVEN);
}

export function feeForDecimal(gross: Dec, schedule: FeeSchedule | undefined, minorUnit: number): Dec {
  if (!schedule) return new D(0);
  const proportional = gross.times(schedule.rate ?? '0');
  const min = new D(schedule.minimum ?? '0');
  return D.max(proportional, min).plus(schedule.fixed ?? '0').toDecimalPlaces(minorUnit, D.ROUND_HALF_EVEN);
}

const POSITIVE = /^(0|[1-9]\d*)(\.\d+)?$/;

/** estimateOrder in decimal.js only. */
export function estimateOrderDecimal(input: EstimateInput): OrderResult<Estimate> {
  const qd = input.quantityDecimals ?? 18;
  const mu = input.minorUnit;
  const bad = (message: string, details?: Record<string, unknown>) => refuse('INVALID_AMOUNT', message, details);
  if (!POSITIVE.test(input.price) || new D(input.price).isZero()) return bad('price must be positive', { price: input.price });
  if ((input.quantity === undefined) === (input.amount === undefined)) return bad('give either a quantity or an amount');
  const exec = executionPriceDecimal(input.side, input.price, input.spreadBps);
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
  const fee = feeForDecimal(gross, input.fee, mu);
  const total = input.side === 'buy' ? gross.plus(fee) : gross.minus(fee);
  return { ok: true, data: { executionPrice: exec.toFixed(), quantity: qty.toFixed(), gross: gross.toFixed(mu), fee: fee.toFixed(mu), total: total.toFixed(mu) } };
}

function costOf(qty: Dec, exec: Dec, fee: FeeSchedule | undefined, mu: number): Dec {
  const gross = qty.times(exec).toDecimalPlaces(mu, D.ROUND_HALF_EVEN);
  return gross.plus(feeForDecimal(gross, fee, mu));
}
