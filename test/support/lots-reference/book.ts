import { AppError } from '../../../shared/errors.js';
import { findCurrency } from '../../../shared/currencies.js';
import { Dec } from '../../../shared/decimal/index.js';
import { apportion, exactDiv, mulDiv } from './exact.js';
import { orderForClosing } from './order.js';
import type { ClosedLot, CostMethod, Lot, LotEvent, LotPick } from '../../../shared/lots/types.js';

/** Quantities after a split that has no exact decimal result keep this many fraction digits (half-even). */
export const SPLIT_QTY_DP = 18;

export interface LotBookOptions {
  /** The method of each account; accounts not named use `defaultMethod`. */
  methods?: ReadonlyMap<string, CostMethod> | Record<string, CostMethod>;
  defaultMethod?: CostMethod;
  /** Digits of a currency's minor unit; partial costs, proceeds and fees are rounded there. ISO 4217 by default. */
  minorUnit?: (currency: string) => number;
}

/** An open lot as the book keeps it: `seq` orders lots acquired on the same day (the order they were opened in). */
interface OpenLot extends Lot {
  seq: number;
}

/** A piece taken out of an open lot by a sell or a transfer. */
interface Piece {
  lot: OpenLot;
  quantity: Dec;
  cost: Dec;
}

/**
 * The lots of every (account, instrument), replayed from buys, sells, corporate actions and transfers. Pure and
 * exact (docs/design.md#lots):
 * - a buy opens a lot costing round(quantity × price) + fee at the currency's minor unit;
 * - a sell closes lots by its account's method (or the lots it names); part of a lot releases its cost pro rata,
 *   rounded half-even at the minor unit, and the rest stays with the lot, so released plus open cost always equals
 *   what was paid; average cost re-spreads the pool over the open lots at every sell;
 * - a split or stock dividend changes every lot's units, never its cost or acquisition date, and realizes nothing;
 *   a symbol change renames the lots; a transfer moves lots (or parts, with their cost share) between accounts.
 * Bad input throws an AppError with a stable code before anything changes.
 */
export class LotBook {
  private readonly positions = new Map<string, OpenLot[]>();
  private readonly closedLots: ClosedLot[] = [];
  private readonly methods: ReadonlyMap<string, CostMethod>;
  private readonly defaultMethod: CostMethod;
  private readonly minorUnit: (currency: string) => number;
  private seq = 0;

  constructor(options: LotBookOptions = {}) {
    const m = options.methods;
    this.methods = m instanceof Map ? m : new Map(Object.entries((m ?? {}) as Record<string, CostMethod>));
    this.defaultMethod = options.defaultMethod ?? 'fifo';
    this.minorUnit = options.minorUnit ?? defaultMinorUnit;
  }

  /** Every lot closed so far, in the order of the sells. */
  get closed(): readonly ClosedLot[] {
    return this.closedLots;
  }

  methodOf(accountId: string): CostMethod {
    return this.methods.get(accountId) ?? this.defaultMethod;
  }

  /** Open lots (copies), optionally of one account and/or instrument, oldest first within each position. */
  open(filter: { accountId?: string; symbol?: string } = {}): Lot[] {
    const out: Lot[] = [];
    for (const lots of this.positions.values()) {
      for (const l of lots) {
        if (filter.accountId !== undefined && l.accountId !== filter.accountId) continue;
        if (filter.symbol !== undefined && l.symbol !== filter.symbol) continue;
        out.push({ id: l.id, accountId: l.accountId, symbol: l.symbol, currency: l.currency, acquired: l.acquired, quantity: l.quantity, cost: l.cost });
      }
    }
    return out;
  }

  /** Units held of an instrument in an account. */
  quantity(accountId: string, symbol: string): Dec {
    return Dec.sum((this.positions.get(key(accountId, symbol)) ?? []).map((l) => l.quantity));
  }

  /** Applies one event; returns the lots a sell closed (empty for anything else). */
  apply(event: LotEvent): ClosedLot[] {
    switch (event.kind) {
      case 'sell':
        return this.sell(event);
      case 'buy':
        this.buy(event);
        break;
      case 'split':
        this.scale(event.symbol, ratio(event.numerator, event.denominator, event.id), event.id);
        break;
      case 'stock-dividend': {
        const r = ratio(event.numerator, event.denominator, event.id);
        this.scale(event.symbol, { num: r.num.plus(r.den), den: r.den }, event.id);
        break;
      }
      case 'symbol-change':
        this.rename(event.symbol, event.newSymbol, event.id);
        break;
      case 'transfer':
        this.transfer(event);
        break;
    }
    return [];
  }

  private buy(e: Extract<LotEvent, { kind: 'buy' }>): void {
    const quantity = positive(e.quantity, 'quantity', e.id);
    const price = nonNegative(e.price, 'price', e.id);
    const fee = nonNegative(e.fee ?? '0', 'fee', e.id);
    const dp = this.minor(e.currency, e.id);
    const k = key(e.accountId, e.symbol);
    const lots = this.positions.get(k) ?? [];
    const other = lots[0];
    if (other && other.currency !== e.currency) {
      throw invalid(`${e.symbol} is held in ${other.currency}, not ${e.currency}`, e.id);
    }
    const cost = quantity.times(price).round(dp).plus(fee);
    insert(lots, { id: e.id, accountId: e.accountId, symbol: e.symbol, currency: e.currency, acquired: e.date, quantity, cost, seq: this.seq++ });
    this.positions.set(k, lots);
  }

  private sell(e: Extract<LotEvent, { kind: 'sell' }>): ClosedLot[] {
    const quantity = positive(e.quantity, 'quantity', e.id);
    const price = nonNegative(e.price, 'price', e.id);
    const fee = nonNegative(e.fee ?? '0', 'fee', e.id);
    const k = key(e.accountId, e.symbol);
    const lots = this.positions.get(k) ?? [];
    const currency = lots[0]?.currency;
    if (currency === undefined) throw insufficient(e.symbol, e.accountId, quantity, Dec.ZERO, e.id);
    const dp = this.minor(currency, e.id);
    const pieces = this.take(lots, quantity, e.lots, this.methodOf(e.accountId), dp, e.id);
    const gross = quantity.times(price).round(dp);
    const weights = pieces.map((p) => p.quantity);
    const proceeds = apportion(gross, weights, dp);
    const fees = apportion(fee, weights, dp);
    const out = pieces.map((p, i): ClosedLot => {
      const pr = proceeds[i]!;
      const f = fees[i]!;
      return {
        sellId: e.id,
        lotId: p.lot.id,
        accountId: e.accountId,
        symbol: e.symbol,
        currency,
        acquired: p.lot.acquired,
        sold: e.date,
        quantity: p.quantity,
        cost: p.cost,
        proceeds: pr,
        fees: f,
        gain: pr.minus(f).minus(p.cost),
      };
    });
    this.commit(k, lots, pieces);
    for (const c of out) this.closedLots.push(c);
    return out;
  }

  private transfer(e: Extract<LotEvent, { kind: 'transfer' }>): void {
    if (e.fromAccountId === e.toAccountId) throw invalid('a transfer needs two different accounts', e.id);
    const quantity = positive(e.quantity, 'quantity', e.id);
    const from = key(e.fromAccountId, e.symbol);
    const lots = this.positions.get(from) ?? [];
    const currency = lots[0]?.currency;
    if (currency === undefined) throw insufficient(e.symbol, e.fromAccountId, quantity, Dec.ZERO, e.id);
    const to = key(e.toAccountId, e.symbol);
    const target = this.positions.get(to) ?? [];
    if (target[0] && target[0].currency !== currency) throw invalid(`${e.symbol} is held in ${target[0].currency} there`, e.id);
    const pieces = this.take(lots, quantity, e.lots, this.methodOf(e.fromAccountId), this.minor(currency, e.id), e.id);
    this.commit(from, lots, pieces);
    // Each piece arrives as a lot of its own, keeping its id, acquisition date and order among same-day lots.
    // A piece of a lot already there (moved back and forth) joins it: one lot id per position.
    for (const p of pieces) {
      const same = target.find((l) => l.id === p.lot.id);
      if (same) {
        same.quantity = same.quantity.plus(p.quantity);
        same.cost = same.cost.plus(p.cost);
      } else insert(target, { ...p.lot, accountId: e.toAccountId, quantity: p.quantity, cost: p.cost });
    }
    this.positions.set(to, target);
  }

  /**
   * Chooses the pieces a sell or transfer takes, without changing anything yet. Average cost takes lots oldest first
   * (for their acquisition dates) and releases the pool's cost pro rata.
   */
  private take(lots: OpenLot[], quantity: Dec, picks: readonly LotPick[] | undefined, method: CostMethod, dp: number, id: string): Piece[] {
    if (picks) {
      const held = Dec.sum(lots.map((l) => l.quantity));
      if (quantity.gt(held)) throw insufficient(lots[0]!.symbol, lots[0]!.accountId, quantity, held, id);
      return this.picked(lots, quantity, picks, dp, id);
    }
    // Walks the lots in closing order until the quantity is met (no sum of the whole position per sell); running
    // out first is an oversell. FIFO and average walk the lots as kept, LIFO backwards, HIFO a sorted copy.
    const pieces: Piece[] = [];
    let left = quantity;
    const ordered = method === 'hifo' ? orderForClosing(lots, method) : lots;
    const n = ordered.length;
    for (let k = 0; k < n && !left.isZero(); k++) {
      const lot = ordered[method === 'lifo' ? n - 1 - k : k]!;
      const q = left.lt(lot.quantity) ? left : lot.quantity;
      pieces.push({ lot, quantity: q, cost: q === lot.quantity ? lot.cost : mulDiv(lot.cost, q, lot.quantity, dp) });
      left = left.minus(q);
    }
    if (!left.isZero()) throw insufficient(lots[0]!.symbol, lots[0]!.accountId, quantity, Dec.sum(lots.map((l) => l.quantity)), id);
    if (method !== 'average') return pieces;
    const held = Dec.sum(lots.map((l) => l.quantity));
    const poolCost = Dec.sum(lots.map((l) => l.cost));
    const released = quantity.eq(held) ? poolCost : mulDiv(poolCost, quantity, held, dp);
    const shares = apportion(released, pieces.map((p) => p.quantity), dp);
    pieces.forEach((p, i) => (p.cost = shares[i]!));
    return pieces;
  }

  private picked(lots: OpenLot[], quantity: Dec, picks: readonly LotPick[], dp: number, id: string): Piece[] {
    const pieces: Piece[] = [];
    const seen = new Set<string>();
    for (const pick of picks) {
      if (seen.has(pick.lotId)) throw invalid(`lot ${pick.lotId} is named twice`, id);
      seen.add(pick.lotId);
      const lot = lots.find((l) => l.id === pick.lotId);
      if (!lot) throw new AppError('NOT_FOUND', `no open lot ${pick.lotId} here`, { eventId: id, lotId: pick.lotId });
      const q = positive(pick.quantity, 'lot quantity', id);
      if (q.gt(lot.quantity)) throw insufficient(lot.symbol, lot.accountId, q, lot.quantity, id);
      pieces.push({ lot, quantity: q, cost: q.eq(lot.quantity) ? lot.cost : mulDiv(lot.cost, q, lot.quantity, dp) });
    }
    const named = Dec.sum(pieces.map((p) => p.quantity));
    if (!named.eq(quantity)) throw invalid(`the lots named add up to ${named.toFixed()}, not ${quantity.toFixed()}`, id);
    return pieces;
  }

  /** Takes the pieces out of their lots; under average cost the rest of the pool is re-spread over what stays. */
  private commit(k: string, lots: OpenLot[], pieces: Piece[]): void {
    const first = lots[0]!;
    const averaged = this.methodOf(first.accountId) === 'average';
    const before = averaged ? Dec.sum(lots.map((l) => l.cost)) : Dec.ZERO;
    for (const p of pieces) {
      p.lot.quantity = p.lot.quantity.minus(p.quantity);
      p.lot.cost = p.lot.cost.minus(p.cost);
    }
    const remaining = lots.filter((l) => !l.quantity.isZero());
    if (averaged && remaining.length > 0) {
      const left = before.minus(Dec.sum(pieces.map((p) => p.cost)));
      const shares = apportion(left, remaining.map((l) => l.quantity), this.minor(first.currency, ''));
      remaining.forEach((l, i) => (l.cost = shares[i]!));
    }
    if (remaining.length === 0) this.positions.delete(k);
    else this.positions.set(k, remaining);
  }

  private scale(symbol: string, r: Ratio, id: string): void {
    for (const lots of this.positions.values()) {
      for (const l of lots) {
        if (l.symbol !== symbol) continue;
        const grown = l.quantity.times(r.num);
        l.quantity = exactDiv(grown, r.den, SPLIT_QTY_DP) ?? mulDiv(grown, Dec.ONE, r.den, SPLIT_QTY_DP);
        if (l.quantity.isZero()) throw invalid(`the split leaves lot ${l.id} with no units`, id);
      }
    }
  }

  private rename(symbol: string, newSymbol: string, id: string): void {
    if (!newSymbol || newSymbol === symbol) throw invalid('a symbol change needs a new symbol', id);
    const moves: [string, OpenLot[]][] = [];
    for (const [k, lots] of this.positions) {
      if (lots[0]?.symbol !== symbol) continue;
      if (this.positions.has(key(lots[0].accountId, newSymbol))) throw invalid(`${newSymbol} is already held`, id);
      moves.push([k, lots]);
    }
    for (const [k, lots] of moves) {
      this.positions.delete(k);
      for (const l of lots) l.symbol = newSymbol;
      this.positions.set(key(lots[0]!.accountId, newSymbol), lots);
    }
  }

  private minor(currency: string, id: string): number {
    const dp = this.minorUnit(currency);
    if (!Number.isInteger(dp) || dp < 0) throw new AppError('UNKNOWN_CURRENCY', `unknown currency ${currency}`, { eventId: id });
    return dp;
  }
}

/** Replays events into a fresh book. */
export function replayLots(events: Iterable<LotEvent>, options: LotBookOptions = {}): LotBook {
  const book = new LotBook(options);
  for (const e of events) book.apply(e);
  return book;
}

interface Ratio {
  num: Dec;
  den: Dec;
}

function ratio(numerator: string, denominator: string, id: string): Ratio {
  return { num: positive(numerator, 'numerator', id), den: positive(denominator, 'denominator', id) };
}

const key = (accountId: string, symbol: string): string => `${accountId}\u0000${symbol}`;

function defaultMinorUnit(currency: string): number {
  return findCurrency(currency)?.minorUnit ?? -1;
}

/** Keeps lots ordered by acquisition date, then by the order they were opened in. */
function insert(lots: OpenLot[], lot: OpenLot): void {
  let i = lots.length;
  while (i > 0 && (lots[i - 1]!.acquired > lot.acquired || (lots[i - 1]!.acquired === lot.acquired && lots[i - 1]!.seq > lot.seq))) i--;
  lots.splice(i, 0, lot);
}

// Quantities, prices and fees repeat a lot in a long log ("1", "1.00", a price seen before): each text is parsed once.
// A Dec is immutable, so the same one serves every event that has the text.
const parsed = new Map<string, Dec>();

function parse(text: string, field: string, id: string): Dec {
  let d = typeof text === 'string' ? parsed.get(text) : undefined;
  if (d === undefined) {
    d = typeof text === 'string' ? Dec.tryOf(text) : undefined;
    if (!d) throw invalid(`${field} is not a decimal`, id);
    if (parsed.size >= 100_000) parsed.clear();
    parsed.set(text, d);
  }
  return d;
}

function positive(text: string, field: string, id: string): Dec {
  const d = parse(text, field, id);
  if (!d.isPos()) throw invalid(`${field} must be above zero`, id);
  return d;
}

function nonNegative(text: string, field: string, id: string): Dec {
  const d = parse(text, field, id);
  if (d.isNeg()) throw invalid(`${field} must not be negative`, id);
  return d;
}

function invalid(message: string, id: string): AppError {
  return new AppError('INVALID_INPUT', message, { eventId: id });
}

function insufficient(symbol: string, accountId: string, wanted: Dec, held: Dec, id: string): AppError {
  return new AppError('INSUFFICIENT_HOLDING', `only ${held.toFixed()} ${symbol} held`, {
    eventId: id,
    accountId,
    wanted: wanted.toFixed(),
    held: held.toFixed(),
  });
}
