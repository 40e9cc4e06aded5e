import { findCurrency } from '../currencies.js';
import { Dec, rescale } from '../decimal/index.js';
import type { ClosedLot, ClosedLotInBase, FxLookup } from './types.js';

/**
 * A closed lot's figures in the base currency: its cost at the rate of the day it was acquired, its proceeds and
 * fees at the rate of the day it was sold, each rounded half-even at the base currency's minor unit, and
 * baseGain = baseProceeds − baseFees − baseCost. So the base gain holds the currency's move over the holding too,
 * as tax authorities that tax in the home currency count it (e.g. IRS Pub. 54, HMRC CG78310).
 */
export function inBase(
  closed: ClosedLot,
  baseCurrency: string,
  fx: FxLookup,
  minorUnit: (currency: string) => number = (c) => findCurrency(c)?.minorUnit ?? 2,
): ClosedLotInBase {
  const dp = minorUnit(baseCurrency);
  const u = baseUnits(closed, baseCurrency, fx, dp);
  if (!u) return copy(closed, baseCurrency);
  const { cost, proceeds, fees } = u;
  const c = closed;
  return {
    sellId: c.sellId,
    lotId: c.lotId,
    accountId: c.accountId,
    symbol: c.symbol,
    currency: c.currency,
    acquired: c.acquired,
    sold: c.sold,
    quantity: c.quantity,
    cost: c.cost,
    proceeds: c.proceeds,
    fees: c.fees,
    gain: c.gain,
    baseCurrency,
    baseCost: Dec.fromUnits(cost, dp),
    baseProceeds: Dec.fromUnits(proceeds, dp),
    baseFees: Dec.fromUnits(fees, dp),
    baseGain: Dec.fromUnits(proceeds - fees - cost, dp),
  };
}

/**
 * The closed lot's cost, proceeds and fees in the base currency as integers at its minor unit `dp` (the rule above:
 * figure × rate, half-even), or undefined without both rates. Callers that need only the gain sum these.
 */
export function baseUnits(closed: ClosedLot, baseCurrency: string, fx: FxLookup, dp: number): { cost: bigint; proceeds: bigint; fees: bigint } | undefined {
  const atBuy = rate(closed.currency, baseCurrency, closed.acquired, fx);
  const atSale = rate(closed.currency, baseCurrency, closed.sold, fx);
  if (!atBuy || !atSale) return undefined;
  return {
    cost: rescale(closed.cost.n * atBuy.n, closed.cost.s + atBuy.s, dp),
    proceeds: rescale(closed.proceeds.n * atSale.n, closed.proceeds.s + atSale.s, dp),
    fees: rescale(closed.fees.n * atSale.n, closed.fees.s + atSale.s, dp),
  };
}

/**
 * The closed lot's fields, named one by one here and above: an object spread of it cost several microseconds per lot,
 * which a snapshot valuing every lot ever closed pays for each of them.
 */
function copy(c: ClosedLot, baseCurrency: string): ClosedLotInBase {
  return {
    sellId: c.sellId,
    lotId: c.lotId,
    accountId: c.accountId,
    symbol: c.symbol,
    currency: c.currency,
    acquired: c.acquired,
    sold: c.sold,
    quantity: c.quantity,
    cost: c.cost,
    proceeds: c.proceeds,
    fees: c.fees,
    gain: c.gain,
    baseCurrency,
  };
}

function rate(from: string, to: string, date: string, fx: FxLookup): Dec | undefined {
  return from === to ? Dec.ONE : fx(from, to, date);
}
