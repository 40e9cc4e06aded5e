import { findCurrency } from '../../../shared/currencies.js';
import { Dec } from '../../../shared/decimal/index.js';
import type { ClosedLot, ClosedLotInBase, FxLookup } from '../../../shared/lots/types.js';

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
  const atBuy = rate(closed.currency, baseCurrency, closed.acquired, fx);
  const atSale = rate(closed.currency, baseCurrency, closed.sold, fx);
  if (!atBuy || !atSale) return { ...closed, baseCurrency };
  const baseCost = closed.cost.times(atBuy).round(dp);
  const baseProceeds = closed.proceeds.times(atSale).round(dp);
  const baseFees = closed.fees.times(atSale).round(dp);
  return { ...closed, baseCurrency, baseCost, baseProceeds, baseFees, baseGain: baseProceeds.minus(baseFees).minus(baseCost) };
}

function rate(from: string, to: string, date: string, fx: FxLookup): Dec | undefined {
  return from === to ? Dec.ONE : fx(from, to, date);
}
