import { AppError } from '../errors.js';
import { findCurrency } from '../currencies.js';
import { Dec, divRound, pow10, POW10_NUMBER, rescale, scan, type Scan } from '../decimal/index.js';
import { apportionAt, apportionN, mulDivAt, mulDivN, SAFE, settleN, up } from './scaled.js';
import type { ClosedLot, CostMethod, Holding, Lot, LotEvent, LotPick } from './types.js';

/** Quantities after a split that has no exact decimal result keep this many fraction digits (half-even). */
export const SPLIT_QTY_DP = 18;

export interface LotBookOptions {
  /** The method of each account; accounts not named use `defaultMethod`. */
  methods?: ReadonlyMap<string, CostMethod> | Record<string, CostMethod>;
  defaultMethod?: CostMethod;
  /** Digits of a currency's minor unit; partial costs, proceeds and fees are rounded there. ISO 4217 by default. */
  minorUnit?: (currency: string) => number;
}

/**
 * An open lot as the book keeps it: its units and cost at its position's scales, as doubles (`q`, `c`) or bigints
 * (`Q`, `C`) by its position's form; `seq` orders lots acquired on the same day (the order they were opened in).
 */
interface OpenLot {
  id: string;
  accountId: string;
  symbol: string;
  currency: string;
  acquired: string;
  seq: number;
  q: number;
  c: number;
  Q: bigint;
  C: bigint;
}

/**
 * The open lots of one (account, instrument), oldest first, with their form: quantities at `qs` fraction digits and
 * costs at `cs`, as doubles (`q`, `c`) or, when `big`, bigints (`Q`, `C`; then qs ≥ SPLIT_QTY_DP).
 */
interface Position {
  lots: OpenLot[];
  big: boolean;
  qs: number;
  cs: number;
}

/**
 * What LotBook.forget() or replaceAccounts() took out of the closed list `list` (the same array before and after): the
 * `before` lots it held became the `kept` first ones, less `removed` (replaceAccounts then appends the new lots). `at`
 * counts these forgets of the book, this one included.
 */
export interface ClosedLots {
  list: readonly ClosedLot[];
  removed: readonly ClosedLot[];
  /** Where each removed lot was in the list before, ascending. */
  removedAt: readonly number[];
  before: number;
  kept: number;
  at: number;
}

/** A piece taken out of an open lot by a sell or a transfer, on bigints. */
interface Piece {
  lot: OpenLot;
  Q: bigint;
  C: bigint;
}

/** The same on doubles. */
interface PieceN {
  lot: OpenLot;
  q: number;
  c: number;
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
 *
 * Representation (the reason is speed: a `Dec` per figure and per intermediate sum is what a long replay spent its
 * time and garbage on). In each position (account, instrument) every quantity is an integer at one scale (`qs`
 * fraction digits) and every cost at another (`cs`, at least the minor unit and every fee precision seen); rounding
 * still happens at the currency's minor unit, on the exact integers. While every figure is an integer below 2^51 they
 * are doubles (exact, no allocation; a product past that is computed on bigints and comes back); an event whose
 * figures could leave that range turns the position to bigints first, and it stays so until a corporate action or a
 * named-lot sell, after which it returns to doubles if they fit. A scale grows when an input has more digits, by
 * multiplying the position's figures by a power of ten: no value ever changes. A transfer first brings both positions
 * to one form. `Dec` is built only for what leaves the book.
 */
export class LotBook {
  private readonly positions = new Map<string, Position>();
  private readonly closedLots: ClosedLot[] = [];
  /** Beside closedLots, each lot's instrument as a number (symbolIds): forget() filters on these, not on the lots. */
  private readonly closedSymbols: number[] = [];
  private readonly symbolIds = new Map<string, number>();
  /** By instrument number, how many of closedLots are that instrument's. */
  private readonly closedCounts: number[] = [];
  private readonly methods: Map<string, CostMethod>;
  private readonly defaultMethod: CostMethod;
  private readonly minorUnit: (currency: string) => number;
  private seq = 0;
  /** Per instrument, the count of applied events when it last changed (changedSince). */
  private readonly changedAt = new Map<string, number>();
  private applied = 0;
  /** Old symbol → new symbol, for every symbol change applied. */
  private readonly renames = new Map<string, string>();
  /** Every symbol a symbol change named, old or new. */
  private readonly renamedSymbols = new Set<string>();
  private lastForgotten: ClosedLots | null = null;
  /** Per account, the accounts units were transferred to or from (either way): their lots depend on each other's. */
  private readonly links = new Map<string, Set<string>>();

  constructor(options: LotBookOptions = {}) {
    const m = options.methods;
    this.methods = m instanceof Map ? new Map(m) : new Map(Object.entries((m ?? {}) as Record<string, CostMethod>));
    this.defaultMethod = options.defaultMethod ?? 'fifo';
    this.minorUnit = options.minorUnit ?? defaultMinorUnit;
  }

  /** Every lot closed so far, in the order of the sells within each account's instrument (see forget, replaceAccounts). */
  get closed(): readonly ClosedLot[] {
    return this.closedLots;
  }

  methodOf(accountId: string): CostMethod {
    return this.methods.get(accountId) ?? this.defaultMethod;
  }

  /** Open lots (copies), optionally of one account and/or instrument, oldest first within each position. */
  open(filter: { accountId?: string; symbol?: string } = {}): Lot[] {
    const out: Lot[] = [];
    for (const p of this.positions.values()) {
      for (const l of p.lots) {
        if (filter.accountId !== undefined && l.accountId !== filter.accountId) continue;
        if (filter.symbol !== undefined && l.symbol !== filter.symbol) continue;
        const quantity = Dec.fromUnits(p.big ? l.Q : BigInt(l.q), p.qs);
        const cost = Dec.fromUnits(p.big ? l.C : BigInt(l.c), p.cs);
        out.push({ id: l.id, accountId: l.accountId, symbol: l.symbol, currency: l.currency, acquired: l.acquired, quantity, cost });
      }
    }
    return out;
  }

  /**
   * Units and cost held per (account, instrument) with open lots, summed exactly from the book's integers: what a
   * holdings view needs, without a `Lot` (and two `Dec`) per open lot. Only those of `symbol` when it is given.
   */
  holdings(symbol?: string): Holding[] {
    const out: Holding[] = [];
    for (const p of this.positions.values()) {
      const first = p.lots[0];
      if (!first || (symbol !== undefined && first.symbol !== symbol)) continue;
      let q = 0n;
      let c = 0n;
      if (p.big) {
        for (const l of p.lots) {
          q += l.Q;
          c += l.C;
        }
      } else {
        // Doubles while the sums stay exact integers (below 2^53), bigints from there.
        let qn = 0;
        let cn = 0;
        let i = 0;
        for (; i < p.lots.length; i++) {
          const l = p.lots[i]!;
          if (qn + l.q > Number.MAX_SAFE_INTEGER || cn + l.c > Number.MAX_SAFE_INTEGER) break;
          qn += l.q;
          cn += l.c;
        }
        q = BigInt(qn);
        c = BigInt(cn);
        for (; i < p.lots.length; i++) {
          q += BigInt(p.lots[i]!.q);
          c += BigInt(p.lots[i]!.c);
        }
      }
      out.push({ accountId: first.accountId, symbol: first.symbol, currency: first.currency, quantity: Dec.fromUnits(q, p.qs), cost: Dec.fromUnits(c, p.cs) });
    }
    return out;
  }

  /** Units held of an instrument in an account. */
  quantity(accountId: string, symbol: string): Dec {
    const p = this.positions.get(key(accountId, symbol));
    return p ? held(p) : Dec.ZERO;
  }

  /**
   * Forgets every lot of these instruments, open and closed, so that their events can be applied again on their own
   * (a row dated before what the book holds): an instrument's lots depend on its own events only, since a transfer
   * moves lots within one instrument and each account's method is the book's. Not for an instrument a symbol change
   * touched (wasRenamed). The other closed lots stay in their order in the same list (`closed`), and forgotten() says
   * what was taken out.
   */
  forget(symbols: ReadonlySet<string>): void {
    for (const [k, p] of this.positions) if (symbols.has(p.lots[0]?.symbol ?? symbolOf(k))) this.positions.delete(k);
    const list = this.closedLots;
    const ids = this.closedSymbols;
    const before = list.length;
    const drop = new Set<number>();
    for (const s of symbols) if (this.symbolIds.has(s)) drop.add(this.symbolIds.get(s)!);
    const removed: ClosedLot[] = [];
    const removedAt: number[] = [];
    let dropped = 0;
    for (const id of drop) dropped += this.closedCounts[id] ?? 0;
    // An instrument replayed before has its lots at the end of the list: then they are cut off there. Else the list
    // is compacted in place, reading only the numbers of the lots that stay: a new list, or a look at each of tens
    // of thousands of lots, costs more than the rest of a back-dated row's replay.
    let tail = 0;
    while (tail < dropped && drop.has(ids[before - 1 - tail]!)) tail++;
    let w = 0;
    if (tail === dropped) {
      w = before - dropped;
      for (let r = w; r < before; r++) {
        removed.push(list[r]!);
        removedAt.push(r);
      }
    } else {
      for (let r = 0; r < before; r++) {
        const id = ids[r]!;
        if (drop.has(id)) {
          removed.push(list[r]!);
          removedAt.push(r);
          continue;
        }
        list[w] = list[r]!;
        ids[w++] = id;
      }
    }
    for (const id of drop) this.closedCounts[id] = 0;
    list.length = w;
    ids.length = w;
    this.lastForgotten = { list, removed, removedAt, before, kept: w, at: (this.lastForgotten?.at ?? 0) + 1 };
    this.applied++;
    for (const s of symbols) this.changedAt.set(s, this.applied);
  }

  /**
   * The accounts whose lots depend on those of `accounts`, these included: every account linked to one of them by a
   * transfer of units, and every account linked to those. A method change of one account changes the lots its
   * transfers moved, and so the sells of the accounts that received them.
   */
  linkedAccounts(accounts: Iterable<string>): Set<string> {
    const out = new Set<string>();
    const todo = [...accounts];
    for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
      if (out.has(id)) continue;
      out.add(id);
      for (const other of this.links.get(id) ?? []) if (!out.has(other)) todo.push(other);
    }
    return out;
  }

  /** Sets the methods of accounts that hold no lots in this book yet (accounts created since it was replayed). */
  setMethods(methods: ReadonlyMap<string, CostMethod>): void {
    for (const [id, m] of methods) this.methods.set(id, m);
  }

  /**
   * Replaces every lot of `accounts`, open and closed, and their methods, by those of `from`: a book that replayed
   * the events of those accounts alone (every corporate action included), e.g. by their new methods. The accounts
   * must be closed under linkedAccounts(), so that no transfer crosses between them and the rest. The other closed
   * lots keep their order in the same list (`closed`), those of `from` follow them, and forgotten() says what was
   * taken out, as after forget().
   */
  replaceAccounts(accounts: ReadonlySet<string>, from: LotBook): void {
    const touched = new Set<string>();
    for (const [k, p] of this.positions) {
      const account = k.slice(0, k.indexOf('\u0000'));
      if (!accounts.has(account)) continue;
      touched.add(p.lots[0]?.symbol ?? symbolOf(k));
      this.positions.delete(k);
    }
    const list = this.closedLots;
    const ids = this.closedSymbols;
    const before = list.length;
    const removed: ClosedLot[] = [];
    const removedAt: number[] = [];
    let w = 0;
    for (let r = 0; r < before; r++) {
      const c = list[r]!;
      if (accounts.has(c.accountId)) {
        removed.push(c);
        removedAt.push(r);
        touched.add(c.symbol);
        this.closedCounts[ids[r]!]!--;
        continue;
      }
      list[w] = c;
      ids[w++] = ids[r]!;
    }
    list.length = w;
    ids.length = w;
    this.lastForgotten = { list, removed, removedAt, before, kept: w, at: (this.lastForgotten?.at ?? 0) + 1 };
    for (const [k, p] of from.positions) {
      this.positions.set(k, p);
      touched.add(p.lots[0]?.symbol ?? symbolOf(k));
    }
    for (const c of from.closedLots) {
      this.close(c);
      touched.add(c.symbol);
    }
    for (const id of accounts) this.methods.set(id, from.methodOf(id));
    for (const [id, others] of from.links) for (const other of others) this.link(id, other);
    // Lots opened from now on come after every lot either book opened (same-day order).
    if (from.seq > this.seq) this.seq = from.seq;
    this.applied++;
    for (const s of touched) this.changedAt.set(s, this.applied);
  }

  /** The last forget() or replaceAccounts() (null before the first): what it took out of `closed`. */
  forgotten(): ClosedLots | null {
    return this.lastForgotten;
  }

  /** Whether a symbol change named this symbol (as the old or the new one). */
  wasRenamed(symbol: string): boolean {
    return this.renamedSymbols.has(symbol);
  }

  /** How many events the book has applied: a mark to ask changedSince() with later. */
  get mark(): number {
    return this.applied;
  }

  /** The instruments (by the symbol they had then) an event changed after `mark`: units, cost or closed lots. */
  changedSince(mark: number): string[] {
    const out: string[] = [];
    for (const [symbol, at] of this.changedAt) if (at > mark) out.push(symbol);
    return out;
  }

  /** The symbol an instrument has now, following every symbol change applied from `symbol` on. */
  currentSymbol(symbol: string): string {
    let s = symbol;
    for (let next = this.renames.get(s), hops = 0; next !== undefined && hops <= this.renames.size; next = this.renames.get(s), hops++) s = next;
    return s;
  }

  /** Applies one event; returns the lots a sell closed (empty for anything else). */
  apply(event: LotEvent): ClosedLot[] {
    const closed = this.applyOne(event);
    if (event.kind === 'transfer') this.link(event.fromAccountId, event.toAccountId);
    // Counted only once applied: an event the engine refuses changes nothing, its mark included.
    this.applied++;
    this.changedAt.set(event.symbol, this.applied);
    if (event.kind === 'symbol-change') {
      this.changedAt.set(event.newSymbol, this.applied);
      // The new symbol is current again (a change back): what it once was renamed to no longer applies.
      this.renames.delete(event.newSymbol);
      this.renames.set(event.symbol, event.newSymbol);
      this.renamedSymbols.add(event.symbol).add(event.newSymbol);
    }
    return closed;
  }

  private applyOne(event: LotEvent): ClosedLot[] {
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
    const k = key(e.accountId, e.symbol);
    const pos = this.positions.get(k) ?? { lots: [], big: false, qs: 0, cs: 0 };
    // On doubles a plain text is read straight into QA, PA, FA; anything else (and every error) goes through `Dec`.
    const fast = !pos.big && quick(e.quantity, QA) && QA.units > 0 && quick(e.price, PA) && PA.units >= 0 && quick(e.fee ?? '0', FA) && FA.units >= 0;
    if (!fast) {
      positive(e.quantity, 'quantity', e.id);
      nonNegative(e.price, 'price', e.id);
      nonNegative(e.fee ?? '0', 'fee', e.id);
    }
    const dp = this.minor(e.currency, e.id);
    const lots = pos.lots;
    const other = lots[0];
    if (other && other.currency !== e.currency) {
      throw invalid(`${e.symbol} is held in ${other.currency}, not ${e.currency}`, e.id);
    }
    const lot: OpenLot = { id: e.id, accountId: e.accountId, symbol: e.symbol, currency: e.currency, acquired: e.date, seq: this.seq++, q: 0, c: 0, Q: 0n, C: 0n };
    if (fast && fitN(pos, QA.digits, dp > FA.digits ? dp : FA.digits)) {
      const cs = pos.cs;
      const q = QA.units * POW10_NUMBER[pos.qs - QA.digits]!;
      const c = settleN(QA.units, QA.digits, PA.units, PA.digits, dp, cs) + FA.units * POW10_NUMBER[cs - FA.digits]!;
      if (q <= SAFE && c <= SAFE) {
        lot.q = q;
        lot.c = c;
        insert(lots, lot);
        this.positions.set(k, pos);
        return;
      }
    }
    const quantity = positive(e.quantity, 'quantity', e.id);
    const price = nonNegative(e.price, 'price', e.id);
    const fee = nonNegative(e.fee ?? '0', 'fee', e.id);
    toBig(pos);
    fit(pos, quantity.s, dp > fee.s ? dp : fee.s);
    const cs = pos.cs;
    lot.C = up(rescale(quantity.n * price.n, quantity.s + price.s, dp), dp, cs) + up(fee.n, fee.s, cs);
    lot.Q = up(quantity.n, quantity.s, pos.qs);
    insert(lots, lot);
    this.positions.set(k, pos);
  }

  private sell(e: Extract<LotEvent, { kind: 'sell' }>): ClosedLot[] {
    const k = key(e.accountId, e.symbol);
    const pos = this.positions.get(k);
    const fast = pos !== undefined && !pos.big && !e.lots && quick(e.quantity, QA) && QA.units > 0 && quick(e.price, PA) && PA.units >= 0 && quick(e.fee ?? '0', FA) && FA.units >= 0;
    if (!fast) {
      positive(e.quantity, 'quantity', e.id);
      nonNegative(e.price, 'price', e.id);
      nonNegative(e.fee ?? '0', 'fee', e.id);
    }
    const currency = pos?.lots[0]?.currency;
    if (pos === undefined || currency === undefined) throw insufficient(e.symbol, e.accountId, parse(e.quantity, 'quantity', e.id), Dec.ZERO, e.id);
    const dp = this.minor(currency, e.id);
    const method = this.methodOf(e.accountId);
    if (fast && fitN(pos, QA.digits, dp > FA.digits ? dp : FA.digits)) {
      const out = this.sellN(e, k, pos, currency, method, dp);
      if (out) return out;
    }
    const quantity = positive(e.quantity, 'quantity', e.id);
    const price = nonNegative(e.price, 'price', e.id);
    const fee = nonNegative(e.fee ?? '0', 'fee', e.id);
    toBig(pos);
    fit(pos, quantity.s, dp > fee.s ? dp : fee.s);
    const pieces = this.take(pos, quantity, e.lots, method, dp, e.id);
    const cs = pos.cs;
    const gross = up(rescale(quantity.n * price.n, quantity.s + price.s, dp), dp, cs);
    const n = pieces.length;
    const weights = new Array<bigint>(n);
    for (let i = 0; i < n; i++) weights[i] = pieces[i]!.Q;
    const proceeds = apportionAt(gross, weights, cs, dp);
    const fees = apportionAt(up(fee.n, fee.s, cs), weights, cs, dp);
    const out = new Array<ClosedLot>(n);
    for (let i = 0; i < n; i++) {
      const p = pieces[i]!;
      const pr = proceeds[i]!;
      const f = fees[i]!;
      const m = (x: bigint) => Dec.fromUnits(x, cs);
      out[i] = closedLot(e, p.lot, currency, Dec.fromUnits(p.Q, pos.qs), m(p.C), m(pr), m(f), m(pr - f - p.C));
    }
    this.commit(k, pos, pieces);
    for (const c of out) this.close(c);
    if (e.lots) compact(pos);
    return out;
  }

  /** A sell on doubles, or undefined (nothing changed) when a figure could leave their exact range. */
  private sellN(e: Extract<LotEvent, { kind: 'sell' }>, k: string, pos: Position, currency: string, method: CostMethod, dp: number): ClosedLot[] | undefined {
    const cs = pos.cs;
    // QA, PA and FA are read before takeN, which may parse (an oversell's message).
    const qUnits = QA.units;
    const qDigits = QA.digits;
    const gross = settleN(qUnits, qDigits, PA.units, PA.digits, dp, cs);
    const fee = FA.units * POW10_NUMBER[cs - FA.digits]!;
    const pieces = this.takeN(pos, qUnits * POW10_NUMBER[pos.qs - qDigits]!, e.quantity, method, dp, e.id);
    if (!pieces || !(gross <= SAFE)) return undefined;
    const n = pieces.length;
    const weights = new Array<number>(n);
    for (let i = 0; i < n; i++) weights[i] = pieces[i]!.q;
    const proceeds = apportionN(gross, weights, cs, dp);
    const fees = proceeds && apportionN(fee, weights, cs, dp);
    if (!proceeds || !fees || !this.commitN(k, pos, pieces)) return undefined;
    const out = new Array<ClosedLot>(n);
    for (let i = 0; i < n; i++) {
      const p = pieces[i]!;
      const pr = proceeds[i]!;
      const f = fees[i]!;
      const c = (out[i] = closedLot(e, p.lot, currency, Dec.fromUnits(BigInt(p.q), pos.qs), money(p.c, cs), money(pr, cs), money(f, cs), money(pr - f - p.c, cs)));
      this.close(c);
    }
    return out;
  }

  private transfer(e: Extract<LotEvent, { kind: 'transfer' }>): void {
    if (e.fromAccountId === e.toAccountId) throw invalid('a transfer needs two different accounts', e.id);
    const quantity = positive(e.quantity, 'quantity', e.id);
    const from = key(e.fromAccountId, e.symbol);
    const src = this.positions.get(from);
    const currency = src?.lots[0]?.currency;
    if (src === undefined || currency === undefined) throw insufficient(e.symbol, e.fromAccountId, quantity, Dec.ZERO, e.id);
    const to = key(e.toAccountId, e.symbol);
    const dst = this.positions.get(to) ?? { lots: [], big: src.big, qs: src.qs, cs: src.cs };
    const target = dst.lots;
    if (target[0] && target[0].currency !== currency) throw invalid(`${e.symbol} is held in ${target[0].currency} there`, e.id);
    const dp = this.minor(currency, e.id);
    const method = this.methodOf(e.fromAccountId);
    // Both positions at one form and scale, so the pieces taken from one fit the other as they are.
    const qs = Math.max(src.qs, dst.qs, quantity.s);
    const cs = Math.max(src.cs, dst.cs, dp);
    if (!src.big && !dst.big && !e.lots && fitN(src, qs, cs) && fitN(dst, qs, cs)) {
      const pieces = this.takeN(src, unitsN(quantity, qs), e.quantity, method, dp, e.id);
      // A piece joining a part of its lot already there must keep the sum exact too.
      if (pieces && pieces.every((p) => (target.find((l) => l.id === p.lot.id)?.q ?? 0) + p.q <= SAFE && (target.find((l) => l.id === p.lot.id)?.c ?? 0) + p.c <= SAFE) && this.commitN(from, src, pieces)) {
        for (const p of pieces) {
          const same = target.find((l) => l.id === p.lot.id);
          if (same) {
            same.q += p.q;
            same.c += p.c;
          } else insert(target, { ...p.lot, accountId: e.toAccountId, q: p.q, c: p.c });
        }
        this.positions.set(to, dst);
        return;
      }
    }
    toBig(src);
    toBig(dst);
    const bq = Math.max(src.qs, dst.qs, quantity.s);
    fit(src, bq, cs);
    fit(dst, bq, cs);
    const pieces = this.take(src, quantity, e.lots, method, dp, e.id);
    // Named lots may have widened the source's quantity scale.
    fit(dst, src.qs, src.cs);
    this.commit(from, src, pieces);
    // Each piece arrives as a lot of its own, keeping its id, acquisition date and order among same-day lots.
    // A piece of a lot already there (moved back and forth) joins it: one lot id per position.
    for (const p of pieces) {
      const same = target.find((l) => l.id === p.lot.id);
      if (same) {
        same.Q += p.Q;
        same.C += p.C;
      } else insert(target, { ...p.lot, accountId: e.toAccountId, Q: p.Q, C: p.C });
    }
    this.positions.set(to, dst);
    if (e.lots) {
      compact(src);
      compact(dst);
    }
  }

  /**
   * Chooses the pieces a sell or transfer takes, without changing anything yet. Average cost takes lots oldest first
   * (for their acquisition dates) and releases the pool's cost pro rata.
   */
  private take(pos: Position, quantity: Dec, picks: readonly LotPick[] | undefined, method: CostMethod, dp: number, id: string): Piece[] {
    const lots = pos.lots;
    if (picks) {
      let sum = 0n;
      for (const l of lots) sum += l.Q;
      if (up(quantity.n, quantity.s, pos.qs) > sum) throw insufficient(lots[0]!.symbol, lots[0]!.accountId, quantity, Dec.fromUnits(sum, pos.qs), id);
      return this.picked(pos, quantity, picks, dp, id);
    }
    const cs = pos.cs;
    const wanted = up(quantity.n, quantity.s, pos.qs);
    // Walks the lots in closing order until the quantity is met (no sum of the whole position per sell); running
    // out first is an oversell. FIFO and average walk the lots as kept, LIFO backwards, HIFO a sorted copy.
    const pieces: Piece[] = [];
    let left = wanted;
    const ordered = method === 'hifo' ? byUnitCostDesc(lots, true) : lots;
    const n = ordered.length;
    for (let k = 0; k < n && left !== 0n; k++) {
      const lot = ordered[method === 'lifo' ? n - 1 - k : k]!;
      if (left < lot.Q) {
        pieces.push({ lot, Q: left, C: mulDivAt(lot.C, left, lot.Q, cs, dp) });
        left = 0n;
      } else {
        pieces.push({ lot, Q: lot.Q, C: lot.C });
        left -= lot.Q;
      }
    }
    if (left !== 0n) throw insufficient(lots[0]!.symbol, lots[0]!.accountId, quantity, held(pos), id);
    if (method !== 'average') return pieces;
    let sum = 0n;
    let poolCost = 0n;
    for (const l of lots) {
      sum += l.Q;
      poolCost += l.C;
    }
    const released = wanted === sum ? poolCost : mulDivAt(poolCost, wanted, sum, cs, dp);
    const shares = apportionAt(released, pieces.map((p) => p.Q), cs, dp);
    pieces.forEach((p, i) => (p.C = shares[i]!));
    return pieces;
  }

  /** `take` on doubles without named lots, or undefined when a figure could be inexact (nothing changed either way). */
  private takeN(pos: Position, wanted: number, text: string, method: CostMethod, dp: number, id: string): PieceN[] | undefined {
    const lots = pos.lots;
    const cs = pos.cs;
    if (!(wanted <= SAFE)) return undefined;
    const pieces: PieceN[] = [];
    let left = wanted;
    const ordered = method === 'hifo' ? byUnitCostDesc(lots, false) : lots;
    const n = ordered.length;
    for (let k = 0; k < n && left !== 0; k++) {
      const lot = ordered[method === 'lifo' ? n - 1 - k : k]!;
      if (left < lot.q) {
        const c = mulDivN(lot.c, left, lot.q, cs, dp);
        if (c !== c) return undefined;
        pieces.push({ lot, q: left, c });
        left = 0;
      } else {
        pieces.push({ lot, q: lot.q, c: lot.c });
        left -= lot.q;
      }
    }
    if (left !== 0) throw insufficient(lots[0]!.symbol, lots[0]!.accountId, parse(text, 'quantity', id), held(pos), id);
    if (method !== 'average') return pieces;
    let sum = 0;
    let poolCost = 0;
    for (const l of lots) {
      sum += l.q;
      poolCost += l.c;
    }
    if (!(sum <= SAFE && poolCost <= SAFE)) return undefined;
    const released = wanted === sum ? poolCost : mulDivN(poolCost, wanted, sum, cs, dp);
    if (released !== released) return undefined;
    const shares = apportionN(released, pieces.map((p) => p.q), cs, dp);
    if (!shares) return undefined;
    pieces.forEach((p, i) => (p.c = shares[i]!));
    return pieces;
  }

  /** Specific identification: checked on `Dec`s in the order the picks are named (rare, so no fast path). */
  private picked(pos: Position, quantity: Dec, picks: readonly LotPick[], dp: number, id: string): Piece[] {
    const lots = pos.lots;
    const chosen: { lot: OpenLot; q: Dec }[] = [];
    const seen = new Set<string>();
    for (const pick of picks) {
      if (seen.has(pick.lotId)) throw invalid(`lot ${pick.lotId} is named twice`, id);
      seen.add(pick.lotId);
      const lot = lots.find((l) => l.id === pick.lotId);
      if (!lot) throw new AppError('NOT_FOUND', `no open lot ${pick.lotId} here`, { eventId: id, lotId: pick.lotId });
      const q = positive(pick.quantity, 'lot quantity', id);
      const have = Dec.fromUnits(lot.Q, pos.qs);
      if (q.gt(have)) throw insufficient(lot.symbol, lot.accountId, q, have, id);
      chosen.push({ lot, q });
    }
    const named = Dec.sum(chosen.map((p) => p.q));
    if (!named.eq(quantity)) throw invalid(`the lots named add up to ${named.toFixed()}, not ${quantity.toFixed()}`, id);
    // Every pick is valid: its digits may now widen the quantity scale.
    for (const p of chosen) fit(pos, p.q.s, pos.cs);
    const cs = pos.cs;
    return chosen.map(({ lot, q }) => {
      const units = up(q.n, q.s, pos.qs);
      return { lot, Q: units, C: units === lot.Q ? lot.C : mulDivAt(lot.C, units, lot.Q, cs, dp) };
    });
  }

  /** Takes the pieces out of their lots; under average cost the rest of the pool is re-spread over what stays. */
  private commit(k: string, pos: Position, pieces: Piece[]): void {
    const lots = pos.lots;
    const first = lots[0]!;
    const averaged = this.methodOf(first.accountId) === 'average';
    let before = 0n;
    if (averaged) for (const l of lots) before += l.C;
    let emptied = false;
    let released = 0n;
    for (const p of pieces) {
      p.lot.Q -= p.Q;
      p.lot.C -= p.C;
      released += p.C;
      if (p.lot.Q === 0n) emptied = true;
    }
    if (emptied) {
      let w = 0;
      for (let r = 0; r < lots.length; r++) if (lots[r]!.Q !== 0n) lots[w++] = lots[r]!;
      lots.length = w;
    }
    if (averaged && lots.length > 0) {
      const shares = apportionAt(before - released, lots.map((l) => l.Q), pos.cs, this.minor(first.currency, ''));
      lots.forEach((l, i) => (l.C = shares[i]!));
    }
    if (lots.length === 0) this.positions.delete(k);
  }

  /**
   * `commit` on doubles; false (nothing changed) when the average-cost re-spread could be inexact (the pool's cost or
   * units past the exact range; its shares are never larger than the pool, mulDivN takes a large product to bigints).
   */
  private commitN(k: string, pos: Position, pieces: PieceN[]): boolean {
    const lots = pos.lots;
    const first = lots[0]!;
    const averaged = this.methodOf(first.accountId) === 'average';
    let before = 0;
    const dp = this.minor(first.currency, '');
    if (averaged) {
      let sum = 0;
      for (const l of lots) {
        before += l.c;
        sum += l.q;
      }
      if (!(before <= SAFE && sum <= SAFE)) return false;
    }
    let emptied = false;
    let released = 0;
    for (const p of pieces) {
      p.lot.q -= p.q;
      p.lot.c -= p.c;
      released += p.c;
      if (p.lot.q === 0) emptied = true;
    }
    if (emptied) {
      let w = 0;
      for (let r = 0; r < lots.length; r++) if (lots[r]!.q !== 0) lots[w++] = lots[r]!;
      lots.length = w;
    }
    if (averaged && lots.length > 0) {
      const shares = apportionN(before - released, lots.map((l) => l.q), pos.cs, dp)!;
      lots.forEach((l, i) => (l.c = shares[i]!));
    }
    if (lots.length === 0) this.positions.delete(k);
    return true;
  }

  /** Multiplies every lot's units by num/den, half-even at SPLIT_QTY_DP digits; refused whole if a lot would end empty. */
  private scale(symbol: string, r: Ratio, id: string): void {
    const touched: Position[] = [];
    for (const p of this.positions.values()) if (p.lots[0]?.symbol === symbol) touched.push(p);
    const next = new Map<OpenLot, bigint>();
    for (const p of touched) {
      // Exactly as on bigints: toBig changes no value, and every position is checked before any changes.
      const qs = p.big ? p.qs : Math.max(p.qs, SPLIT_QTY_DP);
      const lift = p.big ? 1n : pow10(qs - p.qs);
      const num = r.num.n * pow10(r.den.s + SPLIT_QTY_DP);
      const den = r.den.n * pow10(r.num.s + qs);
      const unit = pow10(qs - SPLIT_QTY_DP);
      for (const l of p.lots) {
        const q = divRound((p.big ? l.Q : BigInt(l.q) * lift) * num, den) * unit;
        if (q === 0n) throw invalid(`the split leaves lot ${l.id} with no units`, id);
        next.set(l, q);
      }
    }
    for (const p of touched) {
      toBig(p);
      for (const l of p.lots) l.Q = next.get(l)!;
      compact(p);
    }
  }

  private rename(symbol: string, newSymbol: string, id: string): void {
    if (!newSymbol || newSymbol === symbol) throw invalid('a symbol change needs a new symbol', id);
    const moves: [string, Position][] = [];
    for (const [k, p] of this.positions) {
      const first = p.lots[0];
      if (first?.symbol !== symbol) continue;
      if (this.positions.has(key(first.accountId, newSymbol))) throw invalid(`${newSymbol} is already held`, id);
      moves.push([k, p]);
    }
    for (const [k, p] of moves) {
      this.positions.delete(k);
      for (const l of p.lots) l.symbol = newSymbol;
      this.positions.set(key(p.lots[0]!.accountId, newSymbol), p);
    }
  }

  private link(a: string, b: string): void {
    let x = this.links.get(a);
    if (!x) this.links.set(a, (x = new Set()));
    x.add(b);
    let y = this.links.get(b);
    if (!y) this.links.set(b, (y = new Set()));
    y.add(a);
  }

  private close(c: ClosedLot): void {
    let id = this.symbolIds.get(c.symbol);
    if (id === undefined) this.symbolIds.set(c.symbol, (id = this.symbolIds.size));
    this.closedLots.push(c);
    this.closedSymbols.push(id);
    this.closedCounts[id] = (this.closedCounts[id] ?? 0) + 1;
  }

  private minor(currency: string, id: string): number {
    const dp = this.minorUnit(currency);
    if (!Number.isInteger(dp) || dp < 0) throw new AppError('UNKNOWN_CURRENCY', `unknown currency ${currency}`, { eventId: id });
    return dp;
  }
}

/** On bigints: widens a position's scales to hold `qDigits` quantity and `cDigits` cost fraction digits (values unchanged). */
function fit(p: Position, qDigits: number, cDigits: number): void {
  if (qDigits <= p.qs && cDigits <= p.cs) return;
  const fq = qDigits > p.qs ? pow10(qDigits - p.qs) : 1n;
  const fc = cDigits > p.cs ? pow10(cDigits - p.cs) : 1n;
  for (const l of p.lots) {
    l.Q *= fq;
    l.C *= fc;
  }
  if (qDigits > p.qs) p.qs = qDigits;
  if (cDigits > p.cs) p.cs = cDigits;
}

/** On doubles: the same, or false (nothing changed) when a figure would leave the exact range. */
function fitN(p: Position, qDigits: number, cDigits: number): boolean {
  if (qDigits <= p.qs && cDigits <= p.cs) return true;
  const gq = qDigits > p.qs ? qDigits - p.qs : 0;
  const gc = cDigits > p.cs ? cDigits - p.cs : 0;
  if (gq > 15 || gc > 15) return false;
  const fq = POW10_NUMBER[gq]!;
  const fc = POW10_NUMBER[gc]!;
  for (const l of p.lots) if (!(l.q * fq <= SAFE && l.c * fc <= SAFE)) return false;
  for (const l of p.lots) {
    l.q *= fq;
    l.c *= fc;
  }
  p.qs += gq;
  p.cs += gc;
  return true;
}

/** Turns a position to bigints, at no fewer than SPLIT_QTY_DP quantity digits (the precision a split rounds at). */
function toBig(p: Position): void {
  if (p.big) return;
  const f = p.qs < SPLIT_QTY_DP ? pow10(SPLIT_QTY_DP - p.qs) : 1n;
  for (const l of p.lots) {
    l.Q = BigInt(l.q) * f;
    l.C = BigInt(l.c);
  }
  if (p.qs < SPLIT_QTY_DP) p.qs = SPLIT_QTY_DP;
  p.big = true;
}

/** Back to doubles at the fewest quantity digits that hold every lot exactly, when every figure fits them. */
function compact(p: Position): void {
  if (!p.big) return;
  let qs = p.qs;
  while (qs > 0 && p.lots.every((l) => l.Q % pow10(p.qs - qs + 1) === 0n)) qs--;
  const f = pow10(p.qs - qs);
  const limit = BigInt(SAFE);
  if (!p.lots.every((l) => l.Q / f <= limit && l.C <= limit)) return;
  for (const l of p.lots) {
    l.q = Number(l.Q / f);
    l.c = Number(l.C);
    l.Q = 0n;
    l.C = 0n;
  }
  p.qs = qs;
  p.big = false;
}

/** Units held in a position. */
function held(p: Position): Dec {
  let s = 0n;
  for (const l of p.lots) s += p.big ? l.Q : BigInt(l.q);
  return Dec.fromUnits(s, p.qs);
}

const money = (units: number, cs: number): Dec => Dec.fromUnits(BigInt(units), cs);

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
const symbolOf = (k: string): string => k.slice(k.indexOf('\u0000') + 1);

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


/** What `quick` read of a quantity, a price and a fee. */
const QA: Scan = { units: NaN, digits: 0 };
const PA: Scan = { units: NaN, digits: 0 };
const FA: Scan = { units: NaN, digits: 0 };

/** A plain decimal of at most 15 digits, read as an exact double integer and its fraction digits. */
function quick(text: string, out: Scan): boolean {
  return typeof text === 'string' && scan(text, 15, out) && out.units === out.units && out.units <= SAFE && out.units >= -SAFE;
}

function closedLot(e: { id: string; accountId: string; symbol: string; date: string }, lot: OpenLot, currency: string, quantity: Dec, cost: Dec, proceeds: Dec, fees: Dec, gain: Dec): ClosedLot {
  return { sellId: e.id, lotId: lot.id, accountId: e.accountId, symbol: e.symbol, currency, acquired: lot.acquired, sold: e.date, quantity, cost, proceeds, fees, gain };
}

/** A decimal's integer at scale `s` (s ≥ its own) as a double, or NaN when that could be inexact. */
function unitsN(d: Dec, s: number): number {
  const k = s - d.s;
  if (k > 15) return NaN;
  const v = Number(d.n) * POW10_NUMBER[k]!;
  return v <= SAFE && v >= -SAFE ? v : NaN;
}

/**
 * HIFO's closing order: highest cost per unit first, ties oldest first (acquisition date, then the order opened). Cost
 * per unit is compared exactly (c·q' against c'·q: every lot is at the book's scales); a double quotient decides when
 * the two lie more than a billionth apart, which its rounding (a few 1e-16 relative) cannot reverse.
 */
function byUnitCostDesc(lots: readonly OpenLot[], big: boolean): OpenLot[] {
  const d = lots.map((l) => ({ l, u: big ? Number(l.C) / Number(l.Q) : l.c / l.q }));
  d.sort((a, b) => {
    const x = b.u;
    const y = a.u;
    const diff = x - y;
    let c: number;
    if (Math.abs(diff) > 1e-9 * Math.max(Math.abs(x), Math.abs(y))) c = diff > 0 ? 1 : -1;
    else {
      const e = big ? b.l.C * a.l.Q - a.l.C * b.l.Q : BigInt(b.l.c) * BigInt(a.l.q) - BigInt(a.l.c) * BigInt(b.l.q);
      c = e > 0n ? 1 : e < 0n ? -1 : 0;
    }
    return c || a.l.acquired.localeCompare(b.l.acquired) || a.l.seq - b.l.seq;
  });
  return d.map((x) => x.l);
}
