import { dayString } from './days.js';
import { divRound, formatFixed, formatPlain, pow10 } from '../decimal/index.js';
import { AMOUNT_DP, PRICE_DP, QTY_DP } from './scales.js';
import { lotAt, Position } from './position.js';

/** A position's figures as decimal strings: its open lots, the holding, its realized sells. */
export interface LotView {
  activityId: string;
  date: string;
  quantity: string;
  cost: string;
}

export interface Holding {
  symbol: string;
  currency: string;
  /** Plain decimal, exact. "0" for a closed position (still listed for its realized P&L). */
  quantity: string;
  /** In the instrument's currency at its minor unit. */
  totalCost: string;
  /** totalCost / quantity at 10 fraction digits (half-even); null when nothing is held. */
  averageCost: string | null;
  realizedPnl: string;
  /**
   * Open FIFO lots, oldest first (empty under average cost). Present in computeHoldings results; a snapshot leaves
   * them out (thousands of lots would be formatted on every update) and gives them by `openLots(state, symbol)`.
   */
  lots?: LotView[];
}

export interface RealizedSellView {
  activityId: string;
  symbol: string;
  currency: string;
  date: string;
  quantity: string;
  proceeds: string;
  cost: string;
  pnl: string;
}

export function lotViews(p: Position): LotView[] {
  const out: LotView[] = [];
  const l = p.lots;
  for (let i = l.head; i < l.ids.length; i++) {
    const lot = lotAt(p, i);
    out.push({ activityId: l.ids[i]!, date: dayString(l.days[i]!), quantity: formatPlain(lot.quantity, QTY_DP), cost: formatFixed(lot.cost, AMOUNT_DP, p.minorUnit) });
  }
  return out;
}

export function holdingView(p: Position, withLots = true): Holding {
  const mu = p.minorUnit;
  const view: Holding = {
    symbol: p.symbol,
    currency: p.currency,
    quantity: formatPlain(p.quantity, QTY_DP),
    totalCost: formatFixed(p.cost, AMOUNT_DP, mu),
    averageCost: p.quantity === 0n ? null : formatFixed(divRound(p.cost * pow10(QTY_DP), p.quantity), AMOUNT_DP, PRICE_DP),
    realizedPnl: formatFixed(p.realized, AMOUNT_DP, mu),
  };
  if (withLots) view.lots = lotViews(p);
  return view;
}

export function realizedSellViews(p: Position): RealizedSellView[] {
  return p.realizedSells.map((s) => ({
    activityId: s.activityId,
    symbol: p.symbol,
    currency: p.currency,
    date: dayString(s.day),
    quantity: formatPlain(s.quantity, QTY_DP),
    proceeds: formatFixed(s.proceeds, AMOUNT_DP, p.minorUnit),
    cost: formatFixed(s.cost, AMOUNT_DP, p.minorUnit),
    pnl: formatFixed(s.pnl, AMOUNT_DP, p.minorUnit),
  }));
}
