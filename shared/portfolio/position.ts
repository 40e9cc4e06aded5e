import { divRound, MAX_EXACT, pow10, POW10_NUMBER, unitsOfDouble } from '../decimal/index.js';
import { AMOUNT_DP, PRICE_DP, QTY_DP } from './scales.js';
import { ensureBig, type ParsedActivity } from './activity.js';

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
export function toBig(p: Position): void {
  if (p.big) return;
  p.q = p.quantity;
  p.c = p.cost;
  p.r = p.realized;
  p.big = true;
}

/** Open lot i's quantity (scale 10^18) and cost (scale 10^28). */
export function lotAt(p: Position, i: number): { quantity: bigint; cost: bigint } {
  const l = p.lots;
  if (l.exact) return { quantity: l.qty[i]!, cost: l.cost[i]! };
  return { quantity: BigInt(l.units[i]!) * pow10(QTY_DP - l.digits), cost: BigInt(l.minor[i]!) * pow10(AMOUNT_DP - p.minorUnit) };
}

/** Turns the queue to BigInt for good. */
export function toExact(p: Position): void {
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
export function unitsAt(p: Position, qtyUnits: number, qtyDigits: number): number {
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

export function pushLot(p: Position, a: ParsedActivity): void {
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

/**
 * A split of num-for-den (docs/design.md#corporate-actions): every lot's units × num / den, half-even at 18 digits
 * when the quotient has no exact form (as shared/lots/ does); cost, realized P&L and acquisition days unchanged; the
 * last trade's price scales the other way. The position and its lots turn to BigInt for good.
 */
export function splitPosition(p: Position, num: bigint, den: bigint): void {
  const price = p.lastPrice;
  toBig(p);
  toExact(p);
  const l = p.lots;
  if (l.qty.length > l.head) {
    let total = 0n;
    for (let i = l.head; i < l.qty.length; i++) total += l.qty[i] = divRound(l.qty[i]! * num, den);
    p.q = total;
  } else p.q = divRound(p.q * num, den);
  p.priceBig = divRound(price * den, num);
  p.priceUnits = NaN;
}
