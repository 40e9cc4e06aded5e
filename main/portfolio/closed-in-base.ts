import { Dec } from '../../shared/decimal/index.js';
import { baseUnits, type ClosedLot, type ClosedLots } from '../../shared/lots/index.js';

/** The largest integer a double holds exactly, as a bigint. */
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * An account's realized P&L: in the base currency with the currencies of lots left out for want of a rate, and in
 * each instrument's currency per year of the sale and currency, and per instrument.
 */
export interface AccountRealized {
  gain: Dec;
  missingFx: Set<string>;
  byYear: Map<string, { year: string; currency: string; amount: Dec }>;
  bySymbol: Map<string, Dec>;
}

interface Memo {
  /** Base currency, FX priority and rates epoch the sums were made with. */
  key: string;
  /** How many of the closed lots are summed. */
  count: number;
  sums: Map<string, AccountRealized>;
  /**
   * Each summed lot's gain in base-currency units at the base's minor unit, by its place in the list, to take it out
   * again: a double while exact, NaN without a rate or past 2^53 (then a forget sums the list again). Doubles sit
   * unboxed in the array; a bigint per lot kept for the session cost half of a whole sum in garbage collection.
   */
  units: number[];
  /** After prepare() took lots out: their gains by what they are made of, for the same lots closed again. */
  reuse?: Map<string, bigint>;
  /** The book's forgets the sums are in line with (LotBook.forgotten().at). */
  forgets: number;
}

/** What a closed lot's gain in the base currency is computed from: the same text, the same gain. */
const made = (c: ClosedLot): string => `${c.accountId}\u001f${c.currency}\u001f${c.acquired}\u001f${c.sold}\u001f${c.cost.toFixed()}\u001f${c.proceeds.toFixed()}\u001f${c.fees.toFixed()}`;

/**
 * Realized P&L per account (AccountRealized), in the base currency each closed lot at the rates of its own
 * acquisition and sale days (shared/lots/base.ts). A kept lots book's closed lots only grow (main/lots/service.ts), so the sums are kept per
 * list and a request adds only the lots closed since; a new list (a replay), another base currency or source
 * priority, or stored rates that changed start again from the first lot. When the book forgot some instruments' lots
 * to replay them (LotBook.forget), prepare() takes just those lots out of the sums.
 */
export class ClosedInBase {
  private memos = new WeakMap<readonly ClosedLot[], Memo>();
  /** Per list, the book's forgets as of the last prepare(). */
  private forgetsOf = new WeakMap<readonly ClosedLot[], number>();
  private stamp = 0;

  /** Moves whenever stored rates change (ratesChanged). */
  get epoch(): number {
    return this.stamp;
  }

  /** Stored rates changed: every lot is taken to the base currency again at the next request. */
  ratesChanged(): void {
    this.stamp++;
  }

  /**
   * Brings the sums of `closed` in line with the book's forgets (`f`: LotBook.forgotten(), which takes lots out of
   * this same list): the lots the last forget removed are taken out of sums made up to it, and the same lots closed
   * again reuse their gains; after any other forget, or one that removed more lots than it kept, the list is summed
   * again from its first lot. Call it before summed() and sum() of a book's list.
   */
  prepare(closed: readonly ClosedLot[], f: ClosedLots | null, base: string, fxPriority: readonly string[], dp: number): void {
    const at = f?.at ?? 0;
    this.forgetsOf.set(closed, at);
    const memo = this.memos.get(closed);
    if (!memo || memo.forgets === at) return;
    // Taking a lot out costs about what summing one does: when most of the list went, it is summed again instead.
    if (f && memo.forgets === at - 1 && memo.key === this.key(base, fxPriority) && memo.count === f.before && f.removed.length <= f.kept && takeOut(memo, f, dp)) {
      memo.count = f.kept;
      memo.forgets = at;
      return;
    }
    this.memos.delete(closed);
  }

  /** How many of the closed lots are summed (for the sliced sums ahead of requests). */
  summed(closed: readonly ClosedLot[], base: string, fxPriority: readonly string[]): number {
    return this.memo(closed, base, fxPriority).count;
  }

  sum(
    closed: readonly ClosedLot[],
    o: { base: string; fxPriority: readonly string[]; minorUnit: (code: string) => number; rateOn: (currency: string, day: string) => Dec | undefined; end?: number },
  ): ReadonlyMap<string, AccountRealized> {
    const end = Math.min(o.end ?? closed.length, closed.length);
    const memo = this.memo(closed, o.base, o.fxPriority);
    const dp = o.minorUnit(o.base);
    // `rateOn` answers from memory (lot-rates.ts): the rates were read before the sum.
    const fx = (from: string, _to: string, day: string): Dec | undefined => o.rateOn(from, day);
    const units = new Map<AccountRealized, bigint>();
    for (let i = memo.count; i < end; i++) {
      const c = closed[i]!;
      let s = memo.sums.get(c.accountId);
      if (!s) memo.sums.set(c.accountId, (s = { gain: Dec.ZERO, missingFx: new Set(), byYear: new Map(), bySymbol: new Map() }));
      const year = c.sold.slice(0, 4);
      const k = `${year} ${c.currency}`;
      const row = s.byYear.get(k);
      if (row) row.amount = row.amount.plus(c.gain);
      else s.byYear.set(k, { year, currency: c.currency, amount: c.gain });
      s.bySymbol.set(c.symbol, (s.bySymbol.get(c.symbol) ?? Dec.ZERO).plus(c.gain));
      const again = memo.reuse?.get(made(c));
      const b = again === undefined ? baseUnits(c, o.base, fx, dp) : undefined;
      const gain = again ?? (b ? b.proceeds - b.fees - b.cost : null);
      memo.units[i] = gain !== null && gain <= MAX_SAFE && gain >= -MAX_SAFE ? Number(gain) : NaN;
      if (gain !== null) units.set(s, (units.get(s) ?? 0n) + gain);
      else s.missingFx.add(c.currency);
    }
    for (const [s, u] of units) s.gain = s.gain.plus(Dec.fromUnits(u, dp));
    if (end > memo.count) memo.count = end;
    if (memo.count === closed.length) delete memo.reuse;
    return memo.sums;
  }

  private key(base: string, fxPriority: readonly string[]): string {
    return `${base}\u001f${fxPriority.join(',')}\u001f${this.stamp}`;
  }

  private memo(closed: readonly ClosedLot[], base: string, fxPriority: readonly string[]): Memo {
    const key = this.key(base, fxPriority);
    let memo = this.memos.get(closed);
    if (!memo || memo.key !== key || memo.count > closed.length) {
      memo = { key, count: 0, sums: new Map(), units: [], forgets: this.forgetsOf.get(closed) ?? 0 };
      this.memos.set(closed, memo);
    }
    return memo;
  }
}

/**
 * Takes the lots a forget removed out of the sums, and their places out of `units` as the book did out of the list
 * (false, the sums half changed, when one was left out for want of a rate).
 */
function takeOut(memo: Memo, f: ClosedLots, dp: number): boolean {
  const reuse = new Map<string, bigint>();
  for (let k = 0; k < f.removed.length; k++) {
    const c = f.removed[k]!;
    const n = memo.units[f.removedAt[k]!];
    const s = memo.sums.get(c.accountId);
    // Whether its currency still lacks a rate is known only by summing again.
    if (n === undefined || Number.isNaN(n) || !s) return false;
    const u = BigInt(n);
    s.gain = s.gain.minus(Dec.fromUnits(u, dp));
    const row = s.byYear.get(`${c.sold.slice(0, 4)} ${c.currency}`)!;
    row.amount = row.amount.minus(c.gain);
    s.bySymbol.set(c.symbol, s.bySymbol.get(c.symbol)!.minus(c.gain));
    // Most of a replayed instrument's lots close again as they did (only sells after the back-dated row can change).
    reuse.set(made(c), u);
  }
  memo.reuse = reuse;
  const units = memo.units;
  let w = 0;
  for (let r = 0, k = 0; r < f.before; r++) {
    if (k < f.removedAt.length && f.removedAt[k] === r) k++;
    else units[w++] = units[r]!;
  }
  units.length = w;
  return true;
}
