import { dayString, yearOf } from './days.js';
import { fail, type PortfolioResult } from './errors.js';
import { AMOUNT_DP, PRICE_DP, QTY_DP, divRound, formatFixed, formatPlain, pow10, roundAt } from './fixed.js';
import { isoMinorUnits, parseActivities, type Activity, type MinorUnits, type ParsedActivity } from './activity.js';

/**
 * Lots and cost basis (issue 4 §6), FIFO or average cost, chosen by the caller (a Settings choice).
 *
 * Rules, as brokers report them (e.g. IRS Pub. 550 "basis" and the usual broker 1099-B practice):
 * - a buy's cost is its settled value (quantity × price at the currency's minor unit) plus its fee;
 * - a sell's proceeds are its settled value minus its fee; realized P&L = proceeds − cost released;
 * - FIFO releases the oldest lots first; average cost releases cost × sold / held (the pooled "average cost method");
 * - a partial release is rounded half-even to the minor unit and the rest stays with the lot or pool, and selling a
 *   whole lot or the whole pool releases exactly what is left. So the released costs always add up to the buy costs
 *   exactly, and FIFO and average cost agree to the cent on total P&L once everything is sold.
 * - selling more than held is refused (INSUFFICIENT_HOLDING): quantities never go negative (no short selling).
 * Realized P&L is in the instrument's currency and is booked to the calendar year of the sell's (UTC) date.
 */
export type CostMethod = 'fifo' | 'average';

export interface Lot {
  activityId: string;
  day: number;
  /** Scale 10^18. */
  quantity: bigint;
  /** Scale 10^28. */
  cost: bigint;
}

/** Internal, mutable position state; cloned before any change by the snapshot code. */
export interface Position {
  symbol: string;
  currency: string;
  minorUnit: number;
  quantity: bigint;
  cost: bigint;
  /** FIFO queue: lots[head..] are open (average cost keeps none). */
  lots: Lot[];
  head: number;
  realized: bigint;
  realizedByYear: Map<number, bigint>;
  realizedSells: RealizedSell[];
  lastPrice: bigint;
}

export interface RealizedSell {
  activityId: string;
  day: number;
  quantity: bigint;
  proceeds: bigint;
  cost: bigint;
  pnl: bigint;
}

export function openPosition(symbol: string, currency: string, minorUnit: number): Position {
  return { symbol, currency, minorUnit, quantity: 0n, cost: 0n, lots: [], head: 0, realized: 0n, realizedByYear: new Map(), realizedSells: [], lastPrice: 0n };
}

export function clonePosition(p: Position): Position {
  return {
    ...p,
    lots: p.lots.slice(p.head).map((l) => ({ ...l })),
    head: 0,
    realizedByYear: new Map(p.realizedByYear),
    realizedSells: p.realizedSells.slice(),
  };
}

// One shared result for every buy (100,000 trades per snapshot replay); results are never written to.
const BOUGHT: PortfolioResult<RealizedSell | undefined> = Object.freeze({ ok: true, data: undefined });

/** Applies a buy or sell; returns an error (and leaves the position unspecified) when a sell exceeds the holding. */
export function applyTrade(p: Position, a: ParsedActivity, method: CostMethod): PortfolioResult<RealizedSell | undefined> {
  if (a.currency !== p.currency) {
    return fail('CURRENCY_MISMATCH', `${p.symbol} is held in ${p.currency}, not ${a.currency}`, { id: a.id, symbol: p.symbol, currency: a.currency });
  }
  p.lastPrice = a.price;
  if (a.type === 'buy') {
    const cost = a.gross + a.fee;
    p.quantity += a.quantity;
    p.cost += cost;
    if (method === 'fifo') p.lots.push({ activityId: a.id, day: a.day, quantity: a.quantity, cost });
    return BOUGHT;
  }
  if (a.quantity > p.quantity) {
    return fail('INSUFFICIENT_HOLDING', `cannot sell ${formatPlain(a.quantity, QTY_DP)} ${p.symbol}: ${formatPlain(p.quantity, QTY_DP)} held`, {
      id: a.id,
      symbol: p.symbol,
      held: formatPlain(p.quantity, QTY_DP),
      requested: formatPlain(a.quantity, QTY_DP),
    });
  }
  const released = method === 'fifo' ? releaseFifo(p, a.quantity) : releaseAverage(p, a.quantity);
  p.quantity -= a.quantity;
  p.cost -= released;
  const proceeds = a.gross - a.fee;
  const sell: RealizedSell = { activityId: a.id, day: a.day, quantity: a.quantity, proceeds, cost: released, pnl: proceeds - released };
  p.realized += sell.pnl;
  const year = yearOf(a.day);
  p.realizedByYear.set(year, (p.realizedByYear.get(year) ?? 0n) + sell.pnl);
  p.realizedSells.push(sell);
  return { ok: true, data: sell };
}

function partial(cost: bigint, part: bigint, whole: bigint, minorUnit: number): bigint {
  return roundAt(divRound(cost * part, whole), AMOUNT_DP, minorUnit);
}

function releaseAverage(p: Position, sold: bigint): bigint {
  return sold === p.quantity ? p.cost : partial(p.cost, sold, p.quantity, p.minorUnit);
}

function releaseFifo(p: Position, sold: bigint): bigint {
  let left = sold;
  let released = 0n;
  while (left > 0n) {
    const lot = p.lots[p.head]!;
    if (lot.quantity <= left) {
      released += lot.cost;
      left -= lot.quantity;
      p.head++;
    } else {
      const part = partial(lot.cost, left, lot.quantity, p.minorUnit);
      lot.cost -= part;
      lot.quantity -= left;
      released += part;
      left = 0n;
    }
  }
  // Keep the queue compact so a long history of sells does not hold every consumed lot.
  if (p.head > 64 && p.head * 2 > p.lots.length) {
    p.lots = p.lots.slice(p.head);
    p.head = 0;
  }
  return released;
}

// ---- string views -------------------------------------------------------------------------------------------------

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
  return p.lots.slice(p.head).map((l) => ({ activityId: l.activityId, date: dayString(l.day), quantity: formatPlain(l.quantity, QTY_DP), cost: formatFixed(l.cost, AMOUNT_DP, p.minorUnit) }));
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

/** Realized P&L per calendar year and currency: { "2024": { "USD": "12.30" } }. */
export function realizedByYear(positions: Iterable<Position>): Record<string, Record<string, string>> {
  const acc = new Map<number, Map<string, { v: bigint; mu: number }>>();
  for (const p of positions) {
    for (const [year, v] of p.realizedByYear) {
      const y = acc.get(year) ?? new Map<string, { v: bigint; mu: number }>();
      acc.set(year, y);
      const c = y.get(p.currency) ?? { v: 0n, mu: p.minorUnit };
      c.v += v;
      y.set(p.currency, c);
    }
  }
  const out: Record<string, Record<string, string>> = {};
  for (const year of [...acc.keys()].sort((a, b) => a - b)) {
    const row: Record<string, string> = {};
    for (const [cur, { v, mu }] of [...acc.get(year)!].sort(([a], [b]) => a.localeCompare(b))) row[cur] = formatFixed(v, AMOUNT_DP, mu);
    out[String(year)] = row;
  }
  return out;
}

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

/** Replays trades in date order into positions; the other activity types only move cash. */
export function replay(parsed: readonly ParsedActivity[], method: CostMethod): PortfolioResult<{ positions: Map<string, Position>; cash: Map<string, { v: bigint; mu: number }> }> {
  const positions = new Map<string, Position>();
  const cash = new Map<string, { v: bigint; mu: number }>();
  const move = (currency: string, mu: number, delta: bigint) => {
    const c = cash.get(currency);
    if (c) c.v += delta;
    else cash.set(currency, { v: delta, mu });
  };
  for (const a of parsed) {
    if (a.type === 'buy' || a.type === 'sell') {
      let p = positions.get(a.symbol!);
      if (!p) positions.set(a.symbol!, (p = openPosition(a.symbol!, a.currency, a.minorUnit)));
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
