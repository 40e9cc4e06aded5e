import { dayString, yearOf } from './days.js';
import { fail, type PortfolioResult } from './errors.js';
import { AMOUNT_DP, MAX_EXACT, POW10_NUMBER, PRICE_DP, QTY_DP, divRound, formatFixed, formatPlain, pow10, roundAt } from './fixed.js';
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

/**
 * The FIFO queue of open lots, oldest first from `head`, as parallel arrays (no object per lot: a long history has
 * tens of thousands of them). While `exact` is false a lot's quantity is `units` × 10^-digits and its cost `minor`
 * minor units of the currency, both exact double integers (at most 2^53 − 1), and a partial release is one double
 * division checked by its remainder. The first time anything would not be exact (a quantity with too many digits, a
 * cost or product too large, a minor unit above 12), the queue turns to `qty` (scale 10^18) and `cost` (10^28) in
 * BigInt for good; both forms give the same results, which the fast-path property tests check.
 */
export interface Lots {
  ids: string[];
  days: number[];
  head: number;
  exact: boolean;
  digits: number;
  units: number[];
  minor: number[];
  qty: bigint[];
  cost: bigint[];
}

/** Internal, mutable position state; cloned before any change by the snapshot code. */
export interface Position {
  symbol: string;
  currency: string;
  minorUnit: number;
  quantity: bigint;
  cost: bigint;
  /** FIFO queue (average cost keeps none). */
  lots: Lots;
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

/** `exact`: BigInt lots from the start (the reference path of the property tests). */
export function openPosition(symbol: string, currency: string, minorUnit: number, exact = false): Position {
  // A partial release in doubles rounds once where the BigInt path rounds twice (at 10^-28, then at the minor
  // unit); the two agree while lot quantities stay below 10^(28 − minor unit) units, i.e. always for minor units ≤ 12.
  const lots: Lots = { ids: [], days: [], head: 0, exact: exact || minorUnit > 12, digits: 0, units: [], minor: [], qty: [], cost: [] };
  return { symbol, currency, minorUnit, quantity: 0n, cost: 0n, lots, realized: 0n, realizedByYear: new Map(), realizedSells: [], lastPrice: 0n };
}

export function clonePosition(p: Position): Position {
  const l = p.lots;
  const h = l.head;
  const lots: Lots = { ...l, head: 0, ids: l.ids.slice(h), days: l.days.slice(h), units: l.units.slice(h), minor: l.minor.slice(h), qty: l.qty.slice(h), cost: l.cost.slice(h) };
  return { ...p, lots, realizedByYear: new Map(p.realizedByYear), realizedSells: p.realizedSells.slice() };
}

/** Open lot i's quantity (scale 10^18) and cost (scale 10^28). */
function lotAt(p: Position, i: number): { quantity: bigint; cost: bigint } {
  const l = p.lots;
  if (l.exact) return { quantity: l.qty[i]!, cost: l.cost[i]! };
  return { quantity: BigInt(l.units[i]!) * pow10(QTY_DP - l.digits), cost: BigInt(l.minor[i]!) * pow10(AMOUNT_DP - p.minorUnit) };
}

/** Turns the queue to BigInt for good. */
function toExact(p: Position): void {
  const l = p.lots;
  if (l.exact) return;
  const n = l.units.length;
  const qty: bigint[] = new Array(n);
  const cost: bigint[] = new Array(n);
  for (let i = l.head; i < n; i++) {
    const lot = lotAt(p, i);
    qty[i] = lot.quantity;
    cost[i] = lot.cost;
  }
  l.qty = qty;
  l.cost = cost;
  l.units = [];
  l.minor = [];
  l.exact = true;
}

/** Units of a trade's quantity at the queue's digits (raised to the trade's first), or NaN: then the queue is exact. */
function unitsAt(p: Position, qtyUnits: number, qtyDigits: number): number {
  const l = p.lots;
  if (!(qtyUnits <= MAX_EXACT)) return NaN;
  if (qtyDigits > l.digits) {
    // Every open lot to the finer scale, all or none (checked before anything is written).
    const f = POW10_NUMBER[qtyDigits - l.digits]!;
    for (let i = l.head; i < l.units.length; i++) if (!(l.units[i]! * f <= MAX_EXACT)) return NaN;
    for (let i = l.head; i < l.units.length; i++) l.units[i]! *= f;
    l.digits = qtyDigits;
  }
  const u = qtyUnits * POW10_NUMBER[l.digits - qtyDigits]!;
  return u <= MAX_EXACT ? u : NaN;
}

function pushLot(p: Position, a: ParsedActivity, cost: bigint): void {
  const l = p.lots;
  if (!l.exact) {
    const u = a.costMinor <= MAX_EXACT ? unitsAt(p, a.qtyUnits, a.qtyDigits) : NaN;
    if (u === u) {
      l.ids.push(a.id);
      l.days.push(a.day);
      l.units.push(u);
      l.minor.push(a.costMinor);
      return;
    }
    toExact(p);
  }
  l.ids.push(a.id);
  l.days.push(a.day);
  l.qty.push(a.quantity);
  l.cost.push(cost);
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
    if (method === 'fifo') pushLot(p, a, cost);
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
  const released = method === 'fifo' ? releaseFifo(p, a) : releaseAverage(p, a.quantity);
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

function releaseFifo(p: Position, a: ParsedActivity): bigint {
  const l = p.lots;
  // In doubles when the sold units are exact and every sum stays below 2^53 (released ≤ the position's cost).
  const sold = l.exact || p.cost > maxCost(p.minorUnit) ? NaN : unitsAt(p, a.qtyUnits, a.qtyDigits);
  const released = sold === sold ? releaseUnits(p, sold) : NaN;
  if (released === released) {
    compact(l);
    return BigInt(released) * pow10(AMOUNT_DP - p.minorUnit);
  }
  toExact(p);
  let left = a.quantity;
  let big = 0n;
  while (left > 0n) {
    const h = l.head;
    const q = l.qty[h]!;
    if (q <= left) {
      big += l.cost[h]!;
      left -= q;
      l.head++;
    } else {
      const part = partial(l.cost[h]!, left, q, p.minorUnit);
      l.cost[h]! -= part;
      l.qty[h] = q - left;
      big += part;
      left = 0n;
    }
  }
  compact(l);
  return big;
}

const MAX_COST: bigint[] = [];
const maxCost = (mu: number) => (MAX_COST[mu] ??= BigInt(MAX_EXACT) * pow10(AMOUNT_DP - mu));

/**
 * Releases `sold` units in doubles; NaN (and nothing changed) when a partial release's product is not exact, so
 * the caller can do it all in BigInt. Half-even like partial(): part = minor × left / units, checked by remainder.
 */
function releaseUnits(p: Position, sold: number): number {
  const l = p.lots;
  let h = l.head;
  let left = sold;
  let released = 0;
  while (left > 0) {
    const q = l.units[h]!;
    if (q <= left) {
      released += l.minor[h]!;
      left -= q;
      h++;
      continue;
    }
    const c = l.minor[h]!;
    const n = c * left;
    // n and q at most 2^52 keep part × q (≤ n + q) exact below, so the remainder is exact and checks the floor.
    if (!(n <= MAX_EXACT / 2 && q <= MAX_EXACT / 2)) return NaN;
    let part = Math.floor(n / q);
    let r = n - part * q;
    if (r < 0) {
      part--;
      r += q;
    } else if (r >= q) {
      part++;
      r -= q;
    }
    if (2 * r > q || (2 * r === q && part % 2 === 1)) part++;
    l.minor[h] = c - part;
    l.units[h] = q - left;
    released += part;
    left = 0;
  }
  l.head = h;
  return released;
}

/** Keeps the queue compact so a long history of sells does not hold every consumed lot; an empty one starts over. */
function compact(l: Lots): void {
  const n = l.ids.length;
  if (l.head === n && n > 0) {
    l.ids = [];
    l.days = [];
    l.units = [];
    l.minor = [];
    l.qty = [];
    l.cost = [];
    l.head = 0;
    l.digits = 0;
  } else if (l.head > 64 && l.head * 2 > n) {
    const h = l.head;
    l.ids = l.ids.slice(h);
    l.days = l.days.slice(h);
    if (l.exact) {
      l.qty = l.qty.slice(h);
      l.cost = l.cost.slice(h);
    } else {
      l.units = l.units.slice(h);
      l.minor = l.minor.slice(h);
    }
    l.head = 0;
  }
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
