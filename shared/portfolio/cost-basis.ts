import { type PortfolioResult } from './errors.js';
import { formatFixed } from '../decimal/index.js';
import { AMOUNT_DP } from './scales.js';
import { isoMinorUnits, parseActivities, type Activity, type MinorUnits, type ParsedActivity } from './activity.js';
import { openPosition, Position, splitPosition, type CostMethod } from './position.js';
import { applyTrade } from './trades.js';
import { holdingView, realizedSellViews, type Holding, type RealizedSellView } from './holding-views.js';
import { realizedByYear } from './realized-years.js';

/** The replay of trades into positions, and the holdings, realized sells and cash it gives (the rules: position.ts). */
export interface CostBasisResult {
  method: CostMethod;
  /** Every instrument ever traded, by symbol. */
  holdings: Holding[];
  /** Every sell in date order. */
  realized: RealizedSellView[];
  realizedByYear: Record<string, Record<string, string>>;
  /** Cash per currency from every activity (may be negative: outside activity can be recorded without a deposit). */
  cash: Record<string, string>;
}

/** Replays trades in date order into positions; the other activity types only move cash. `exact`: BigInt lots only. */
export function replay(parsed: readonly ParsedActivity[], method: CostMethod, exact = false): PortfolioResult<{ positions: Map<string, Position>; cash: Map<string, { v: bigint; mu: number }> }> {
  const positions = new Map<string, Position>();
  const cash = new Map<string, { v: bigint; mu: number }>();
  const move = (currency: string, mu: number, delta: bigint) => {
    const c = cash.get(currency);
    if (c) c.v += delta;
    else cash.set(currency, { v: delta, mu });
  };
  for (const a of parsed) {
    if (a.type === 'split') {
      const p = positions.get(a.symbol!);
      if (p && p.held) splitPosition(p, a.ratioNum, a.ratioDen);
      continue;
    }
    if (a.type === 'buy' || a.type === 'sell') {
      let p = positions.get(a.symbol!);
      if (!p) positions.set(a.symbol!, (p = openPosition(a.symbol!, a.currency, a.minorUnit, exact)));
      const r = applyTrade(p, a, method);
      if (!r.ok) return r;
    }
    move(a.currency, a.minorUnit, a.cash);
    if (a.toCurrency !== undefined) move(a.toCurrency, a.toMinorUnit!, a.toCash!);
  }
  return { ok: true, data: { positions, cash } };
}

export function computeHoldings(activities: readonly Activity[], method: CostMethod, minorUnits: MinorUnits = isoMinorUnits): PortfolioResult<CostBasisResult> {
  const parsed = parseActivities(activities, minorUnits);
  if (!parsed.ok) return parsed;
  const r = replay(parsed.data, method);
  if (!r.ok) return r;
  const positions = [...r.data.positions.values()].sort((a, b) => a.symbol.localeCompare(b.symbol));
  const realized = positions.flatMap(realizedSellViews);
  const order = new Map(parsed.data.map((a, i) => [a.id, i]));
  realized.sort((a, b) => order.get(a.activityId)! - order.get(b.activityId)!);
  const cash: Record<string, string> = {};
  for (const [cur, { v, mu }] of [...r.data.cash].sort(([a], [b]) => a.localeCompare(b))) cash[cur] = formatFixed(v, AMOUNT_DP, mu);
  return { ok: true, data: { method, holdings: positions.map((p) => holdingView(p)), realized, realizedByYear: realizedByYear(positions), cash } };
}
