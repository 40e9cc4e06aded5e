import { dayString, yearOf } from './days.js';
import { fail, type PortfolioResult } from './errors.js';
import { divRound, formatFixed, formatPlain, MAX_EXACT, pow10, POW10_NUMBER, roundAt, unitsOfDouble } from '../decimal/index.js';
import { AMOUNT_DP, PRICE_DP, QTY_DP } from './scales.js';
import { ensureBig, isoMinorUnits, parseActivities, type Activity, type MinorUnits, type ParsedActivity } from './activity.js';

/**
 * Lots and cost basis, FIFO or average cost, chosen by the caller (a Settings choice).
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

/**
 * Internal, mutable position state; cloned before any change by the snapshot code.
 *
 * While `big` is false the quantity is `units` × 10^-`digits` and the cost and realized P&L are `costMinor` and
 * `realizedMinor` minor units, all exact double integers (checked on every change), so a trade allocates no BigInt.
 * The first time a figure could leave that range (or a trade has no exact doubles) the position turns to `q`, `c`,
 * `r` in BigInt (scales 10^18, 10^28) for good. `quantity`, `cost`, `realized` and `lastPrice` give the BigInt
 * values either way; both forms give the same results, which the fast-path property tests check.
 */
export class Position {
  big: boolean;
  units = 0;
  digits = 0;
  costMinor = 0;
  realizedMinor = 0;
  q = 0n;
  c = 0n;
  r = 0n;
  /** The latest trade's price: priceUnits × 10^-priceDigits, or priceBig when priceUnits is NaN. */
  priceUnits = 0;
  priceDigits = 0;
  priceBig = 0n;
  /** lastPrice's BigInt of priceUnits and priceDigits, and the two it was built from. */
  private built = 0n;
  private builtUnits = NaN;
  private builtDigits = 0;
  /** FIFO queue (average cost keeps none). */
  lots: Lots;
  realizedSells: RealizedSell[] = [];

  constructor(
    readonly symbol: string,
    readonly currency: string,
    readonly minorUnit: number,
    exact: boolean,
  ) {
    this.big = exact;
    this.lots = { ids: [], days: [], head: 0, exact, digits: 0, units: [], minor: [], qty: [], cost: [] };
  }

  /** Scale 10^18. */
  get quantity(): bigint {
    return this.big ? this.q : unitsOfDouble(this.units, this.digits, QTY_DP);
  }

  /** Scale 10^28. */
  get cost(): bigint {
    return this.big ? this.c : BigInt(this.costMinor) * pow10(AMOUNT_DP - this.minorUnit);
  }

  /** Scale 10^28. */
  get realized(): bigint {
    return this.big ? this.r : BigInt(this.realizedMinor) * pow10(AMOUNT_DP - this.minorUnit);
  }

  /** Scale 10^10. */
  get lastPrice(): bigint {
    if (this.priceUnits !== this.priceUnits) return this.priceBig;
    // Built once per price: the view reads it for every holding on every request.
    if (this.builtUnits !== this.priceUnits || this.builtDigits !== this.priceDigits) {
      this.built = unitsOfDouble(this.priceUnits, this.priceDigits, PRICE_DP);
      this.builtUnits = this.priceUnits;
      this.builtDigits = this.priceDigits;
    }
    return this.built;
  }

  /** Something is held (quantity ≠ 0). */
  get held(): boolean {
    return this.big ? this.q !== 0n : this.units !== 0;
  }
}

/**
 * A realized sell. Its figures are exact doubles in minor units (the sold quantity units × 10^-digits) when the
 * position was in doubles, else BigInt (`exact`); the getters give BigInt values at scales 10^18 and 10^28.
 */
export class RealizedSell {
  constructor(
    readonly activityId: string,
    readonly day: number,
    private readonly minorUnit: number,
    private readonly qtyUnits: number,
    private readonly qtyDigits: number,
    private readonly proceedsMinor: number,
    private readonly costMinor: number,
    private readonly exact: { quantity: bigint; proceeds: bigint; cost: bigint } | null,
  ) {}

  get quantity(): bigint {
    return this.exact ? this.exact.quantity : unitsOfDouble(this.qtyUnits, this.qtyDigits, QTY_DP);
  }

  get proceeds(): bigint {
    return this.exact ? this.exact.proceeds : BigInt(this.proceedsMinor) * pow10(AMOUNT_DP - this.minorUnit);
  }

  get cost(): bigint {
    return this.exact ? this.exact.cost : BigInt(this.costMinor) * pow10(AMOUNT_DP - this.minorUnit);
  }

  get pnl(): bigint {
    const m = this.pnlMinor;
    return m === m ? BigInt(m) * pow10(AMOUNT_DP - this.minorUnit) : this.proceeds - this.cost;
  }

  /** pnl in minor units as an exact double integer; NaN when it has none. */
  get pnlMinor(): number {
    if (this.exact) return NaN;
    const m = this.proceedsMinor - this.costMinor;
    return m <= MAX_EXACT && m >= -MAX_EXACT ? m : NaN;
  }
}

/** `exact`: BigInt position and lots from the start (the reference path of the property tests). */
export function openPosition(symbol: string, currency: string, minorUnit: number, exact = false): Position {
  // A partial release in doubles rounds once where the BigInt path rounds twice (at 10^-28, then at the minor
  // unit); the two agree while quantities stay below 10^(28 − minor unit) units, i.e. always for minor units ≤ 12.
  return new Position(symbol, currency, minorUnit, exact || minorUnit > 12);
}

export function clonePosition(p: Position): Position {
  const l = p.lots;
  const h = l.head;
  const n = new Position(p.symbol, p.currency, p.minorUnit, p.big);
  n.units = p.units;
  n.digits = p.digits;
  n.costMinor = p.costMinor;
  n.realizedMinor = p.realizedMinor;
  n.q = p.q;
  n.c = p.c;
  n.r = p.r;
  n.priceUnits = p.priceUnits;
  n.priceDigits = p.priceDigits;
  n.priceBig = p.priceBig;
  n.lots = { ...l, head: 0, ids: l.ids.slice(h), days: l.days.slice(h), units: l.units.slice(h), minor: l.minor.slice(h), qty: l.qty.slice(h), cost: l.cost.slice(h) };
  n.realizedSells = p.realizedSells.slice();
  return n;
}

/** Turns the position's figures to BigInt for good (its lots keep their own form). */
function toBig(p: Position): void {
  if (p.big) return;
  p.q = p.quantity;
  p.c = p.cost;
  p.r = p.realized;
  p.big = true;
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

function pushLot(p: Position, a: ParsedActivity): void {
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
  ensureBig(a);
  l.ids.push(a.id);
  l.days.push(a.day);
  l.qty.push(a.quantity);
  l.cost.push(a.gross + a.fee);
}

// One shared result for every buy (100,000 trades per snapshot replay); results are never written to.
const BOUGHT: PortfolioResult<RealizedSell | undefined> = Object.freeze({ ok: true, data: undefined });

/** Applies a buy or sell; returns an error (and leaves the position unspecified) when a sell exceeds the holding. */
export function applyTrade(p: Position, a: ParsedActivity, method: CostMethod): PortfolioResult<RealizedSell | undefined> {
  if (a.currency !== p.currency) {
    return fail('CURRENCY_MISMATCH', `${p.symbol} is held in ${p.currency}, not ${a.currency}`, { id: a.id, symbol: p.symbol, currency: a.currency });
  }
  p.priceUnits = a.priceUnits;
  p.priceDigits = a.priceDigits;
  if (a.priceUnits !== a.priceUnits) p.priceBig = a.price; // (no exact double: then the trade is not lazy)
  if (!p.big) {
    const done = tradeInDoubles(p, a, method);
    if (done !== undefined) return done;
    toBig(p);
  }
  ensureBig(a);
  if (a.type === 'buy') {
    p.q += a.quantity;
    p.c += a.gross + a.fee;
    if (method === 'fifo') pushLot(p, a);
    return BOUGHT;
  }
  if (a.quantity > p.q) {
    return fail('INSUFFICIENT_HOLDING', `cannot sell ${formatPlain(a.quantity, QTY_DP)} ${p.symbol}: ${formatPlain(p.q, QTY_DP)} held`, {
      id: a.id,
      symbol: p.symbol,
      held: formatPlain(p.q, QTY_DP),
      requested: formatPlain(a.quantity, QTY_DP),
    });
  }
  const released = method === 'fifo' ? releaseFifo(p, a) : releaseAverage(p, a.quantity);
  p.q -= a.quantity;
  p.c -= released;
  const proceeds = a.gross - a.fee;
  const sell = new RealizedSell(a.id, a.day, p.minorUnit, NaN, 0, NaN, NaN, { quantity: a.quantity, proceeds, cost: released });
  p.r += proceeds - released;
  p.realizedSells.push(sell);
  return { ok: true, data: sell };
}

// Bounds that keep every sum in tradeInDoubles exact: no two or three terms of at most 2^51 pass 2^53 − 1.
const QUARTER = Math.floor(MAX_EXACT / 4);

/**
 * The trade in exact doubles; undefined when some figure has no exact double or a result could leave the range,
 * and then nothing that matters has changed (the quantity's digits or the queue may be rescaled, same values).
 */
function tradeInDoubles(p: Position, a: ParsedActivity, method: CostMethod): PortfolioResult<RealizedSell | undefined> | undefined {
  const costMinor = a.costMinor; // NaN when the trade's figures have no exact doubles
  if (!(costMinor <= QUARTER)) return undefined;
  let units = p.units;
  let digits = p.digits;
  if (a.qtyDigits > digits) {
    units *= POW10_NUMBER[a.qtyDigits - digits]!;
    digits = a.qtyDigits;
    if (!(units <= MAX_EXACT)) return undefined;
  }
  const u = a.qtyUnits * POW10_NUMBER[digits - a.qtyDigits]!;
  if (!(u <= MAX_EXACT)) return undefined;
  if (a.type === 'buy') {
    const q = units + u;
    const c = p.costMinor + costMinor;
    if (!(q <= MAX_EXACT && c <= QUARTER)) return undefined;
    if (method === 'fifo') pushLot(p, a);
    p.units = q;
    p.digits = digits;
    p.costMinor = c;
    return BOUGHT;
  }
  // More than held: the BigInt path refuses it with the exact texts.
  if (u > units) return undefined;
  const proceeds = a.grossMinor - a.feeMinor;
  if (!(Math.abs(p.realizedMinor) <= QUARTER && Math.abs(proceeds) <= QUARTER)) return undefined;
  let released: number;
  if (method === 'fifo') {
    if (p.lots.exact) return undefined;
    const sold = unitsAt(p, a.qtyUnits, a.qtyDigits);
    released = sold === sold ? releaseUnits(p, sold) : NaN;
    if (released !== released) return undefined; // (releaseUnits changed nothing)
    compact(p.lots);
  } else {
    released = u === units ? p.costMinor : partialUnits(p.costMinor, u, units);
    if (released !== released) return undefined;
  }
  const left = units - u;
  p.units = left;
  p.digits = left === 0 ? 0 : digits;
  p.costMinor -= released;
  p.realizedMinor += proceeds - released;
  const sell = new RealizedSell(a.id, a.day, p.minorUnit, a.qtyUnits, a.qtyDigits, proceeds, released, null);
  p.realizedSells.push(sell);
  return { ok: true, data: sell };
}

function partial(cost: bigint, part: bigint, whole: bigint, minorUnit: number): bigint {
  return roundAt(divRound(cost * part, whole), AMOUNT_DP, minorUnit);
}

function releaseAverage(p: Position, sold: bigint): bigint {
  return sold === p.q ? p.c : partial(p.c, sold, p.q, p.minorUnit);
}

function releaseFifo(p: Position, a: ParsedActivity): bigint {
  const l = p.lots;
  // In doubles when the sold units are exact and every sum stays below 2^53 (released ≤ the position's cost).
  const sold = l.exact || p.c > maxCost(p.minorUnit) ? NaN : unitsAt(p, a.qtyUnits, a.qtyDigits);
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
    const part = partialUnits(c, left, q);
    if (part !== part) return NaN;
    l.minor[h] = c - part;
    l.units[h] = q - left;
    released += part;
    left = 0;
  }
  l.head = h;
  return released;
}

/**
 * c × part / whole rounded half-even, all exact non-negative double integers, or NaN when c × part is too large for
 * that to be exact. The double form of partial() (which rounds twice; see openPosition).
 */
function partialUnits(c: number, part: number, whole: number): number {
  const n = c * part;
  // n and whole at most 2^52 keep floor × whole (≤ n + whole) exact below, so the remainder is exact and checks the floor.
  if (!(n <= MAX_EXACT / 2 && whole <= MAX_EXACT / 2)) return NaN;
  let q = Math.floor(n / whole);
  let r = n - q * whole;
  if (r < 0) {
    q--;
    r += whole;
  } else if (r >= whole) {
    q++;
    r -= whole;
  }
  if (2 * r > whole || (2 * r === whole && q % 2 === 1)) q++;
  return q;
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

// Per position, its realized P&L per year, known by the number of sells it was summed from: a position's list only
// grows (a clone copies it, a replay makes a new position), so an unchanged position is not summed again.
const yearsMemo = new WeakMap<Position, { sells: number; years: Map<number, bigint> }>();

/** A position's realized P&L per calendar year of the sells' (UTC) dates, scale 10^28. */
export function realizedYears(p: Position): Map<number, bigint> {
  const sells = p.realizedSells;
  const hit = yearsMemo.get(p);
  if (hit && hit.sells === sells.length) return hit.years;
  const minor = new Map<number, number>();
  const years = new Map<number, bigint>();
  let lastDay = NaN;
  let year = 0;
  for (const s of sells) {
    if (s.day !== lastDay) year = yearOf((lastDay = s.day));
    const sum = (minor.get(year) ?? 0) + s.pnlMinor;
    // In doubles while the sum is exact (a NaN pnlMinor fails the test too); else that sell in BigInt.
    if (sum <= MAX_EXACT && sum >= -MAX_EXACT) minor.set(year, sum);
    else years.set(year, (years.get(year) ?? 0n) + s.pnl);
  }
  const unit = pow10(AMOUNT_DP - p.minorUnit);
  for (const [y, m] of minor) years.set(y, (years.get(y) ?? 0n) + BigInt(m) * unit);
  yearsMemo.set(p, { sells: sells.length, years });
  return years;
}

/** Realized P&L per calendar year and currency, exact (scale 10^28), with each currency's minor unit. */
export type RealizedSums = ReadonlyMap<number, ReadonlyMap<string, { readonly v: bigint; readonly mu: number }>>;

export function realizedSums(positions: Iterable<Position>): RealizedSums {
  const acc = new Map<number, Map<string, { v: bigint; mu: number }>>();
  for (const p of positions) addYears(acc, p, 1n);
  return acc;
}

function addYears(acc: Map<number, Map<string, { v: bigint; mu: number }>>, p: Position, sign: bigint): void {
  for (const [year, v] of realizedYears(p)) {
    let y = acc.get(year);
    if (!y) acc.set(year, (y = new Map()));
    const c = y.get(p.currency);
    y.set(p.currency, { v: (c?.v ?? 0n) + sign * v, mu: p.minorUnit });
  }
}

/**
 * The sums with one position replaced (`before` undefined: a new one), without summing the others again. A
 * position's sells are never removed (the log is append-only), so every year and currency the full sum lists is
 * still listed, zero or not, exactly as realizedSums would give.
 */
export function replaceInSums(sums: RealizedSums, before: Position | undefined, after: Position): RealizedSums {
  const acc = new Map<number, Map<string, { v: bigint; mu: number }>>();
  sums.forEach((row, year) => acc.set(year, new Map(row)));
  if (before) addYears(acc, before, -1n);
  addYears(acc, after, 1n);
  return acc;
}

/** { "2024": { "USD": "12.30" } }, years and currencies in order. */
export function formatRealized(sums: RealizedSums): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const year of [...sums.keys()].sort((a, b) => a - b)) {
    const row: Record<string, string> = {};
    for (const [cur, { v, mu }] of [...sums.get(year)!].sort(([a], [b]) => a.localeCompare(b))) row[cur] = formatFixed(v, AMOUNT_DP, mu);
    out[String(year)] = row;
  }
  return out;
}

/** Realized P&L per calendar year and currency: { "2024": { "USD": "12.30" } }. */
export function realizedByYear(positions: Iterable<Position>): Record<string, Record<string, string>> {
  return formatRealized(realizedSums(positions));
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
