import { ensureBig, type Activity, type ParsedActivity } from './activity.js';
import { applyTrade } from './trades.js';
import { openPosition, splitPosition, type CostMethod, type Position } from './position.js';
import { divRound, MAX_EXACT } from '../decimal/index.js';
import type { PortfolioResult } from './errors.js';
import { PendingSums } from './pending-sum.js';
import { fxAt, indexAt, type PriceTable, type Series } from './price-table.js';
import { AMOUNT_DP, QTY_DP } from './scales.js';
import { followTrade, type SmallQuantity } from './small-quantity.js';

const MAX_EXACT_BIG = BigInt(MAX_EXACT);

/** One instrument during the forward pass. */
export interface Instrument {
  pos: Position;
  cur: number;
  series: Series | undefined;
  cursor: number;
  mark: bigint;
  market: boolean;
  /** pos.quantity !== 0n, kept as a flag: the value loop tests it for every close. */
  held: boolean;
  /** pos.quantity as a small double, for the fast path. */
  small: SmallQuantity;
  /** Its entry of `trades`, filled after the pass from `tradeOf`. */
  trades: { keys: string[]; acts: Activity[] };
  /** Its index in `held`, and how many trades it has. */
  index: number;
  count: number;
}

/**
 * The snapshot's replay phase: positions, cash and each currency's running "bucket" (holdings value Σ quantity ×
 * mark, plus cash, at the 10^28 scale of amounts), moved by one activity at a time in date order. The day loop
 * (value-days.ts) reads `bucket` at each day's end, after `pending.flushInto(bucket)`.
 */
export class Replay {
  readonly currencies: string[] = [];
  readonly curIndex = new Map<string, number>();
  readonly cash: bigint[] = [];
  readonly cashMu: number[] = [];
  readonly bucket: bigint[] = [];
  readonly instruments = new Map<string, Instrument>();
  readonly held: Instrument[] = [];
  readonly trades = new Map<string, { keys: string[]; acts: Activity[] }>();
  /**
   * The instrument (its index in `held`) of each trade in date order, -1 for other activities: each instrument's
   * list is built once at the end at its size, not grown by a push per trade.
   */
  readonly tradeOf: Int32Array;
  readonly pricedAtTrade = new Set<string>();
  readonly missingFx = new Set<string>();
  /** Instruments by the price table's symbol id (the day index names closes by id). */
  readonly byId: (Instrument | undefined)[];
  /** External flows per day index (deposits − withdrawals) at scale 10^46. */
  readonly flows: bigint[];
  /** Σ quantity × close step per currency in exact doubles where they fit, added to `bucket` at each day's end. */
  readonly pending: PendingSums;
  /**
   * `bucket` also holds each currency's cash, so that a day's amount is one total. Lazy trades (activity.ts: their
   * BigInts unbuilt) move it in minor units through `pending`, and the final balances in `cash` through
   * `cashPending`, which is flushed only at the end.
   */
  private readonly cashPending: PendingSums;
  private readonly fxCursor: number[] = [];
  private readonly fxRate: bigint[] = [];

  constructor(
    private readonly table: PriceTable,
    private readonly method: CostMethod,
    readonly fast: boolean,
    /** Day of index 0: the opening close. */
    private readonly firstDay: number,
    days: number,
    activities: number,
  ) {
    this.tradeOf = new Int32Array(activities).fill(-1);
    this.byId = new Array(table.symbols.length);
    this.flows = new Array(days).fill(0n);
    this.pending = new PendingSums(fast ? 64 : 0);
    this.cashPending = new PendingSums(fast ? 64 : 0);
  }

  curOf(code: string, mu: number): number {
    let c = this.curIndex.get(code);
    if (c === undefined) {
      c = this.currencies.length;
      this.curIndex.set(code, c);
      this.currencies.push(code);
      this.cash.push(0n);
      this.cashMu.push(mu);
      this.bucket.push(0n);
    }
    return c;
  }

  /**
   * The mark is the close at the cursor once the instrument has one (not copied on every close: the value loop
   * stays on typed arrays), else the price of its latest trade.
   */
  markOf(ins: Instrument): bigint {
    return ins.market ? ins.series!.values[ins.cursor]! : ins.mark;
  }

  /** The holding's value moves by quantity × (new mark − old mark); the caller then moves the cursor or `mark`. */
  moveMark(ins: Instrument, mark: bigint): void {
    if (ins.held) this.bucket[ins.cur]! += ins.pos.quantity * (mark - this.markOf(ins));
  }

  /**
   * Binary search, used when an instrument's cursor may be behind: it was not held (the day index skips it then)
   * or the day is outside the series loop.
   */
  resync(ins: Instrument, day: number): void {
    const s = ins.series;
    if (!s) return;
    const i = indexAt(s, day);
    if (i >= 0 && i !== ins.cursor) {
      this.moveMark(ins, s.values[i]!);
      ins.cursor = i;
      ins.market = true;
    }
  }

  /**
   * Applies one activity: `k` is its date-order position, `idx` its day index (-1 before the opening day or after
   * the last: it counts for positions and cash only).
   */
  apply(a: ParsedActivity, idx: number, k: number): PortfolioResult<void> | undefined {
    if (a.type === 'split') {
      this.split(a, idx, k);
      return undefined;
    }
    const bucket = this.bucket;
    const pending = this.pending;
    const c = this.curOf(a.currency, a.minorUnit);
    if (a.symbol !== undefined && (a.type === 'buy' || a.type === 'sell')) {
      const ins = this.instrument(a, c);
      if (idx < 0 || !ins.held) this.resync(ins, a.day);
      if (!ins.market) {
        ensureBig(a);
        this.moveMark(ins, a.price);
        ins.mark = a.price;
        if (idx >= 0) this.pricedAtTrade.add(a.symbol);
      }
      const r = applyTrade(ins.pos, a, this.method);
      if (!r.ok) return r;
      const pos = ins.pos;
      ins.held = pos.held;
      // ± quantity × mark, in doubles when both are small (see the value loop in value-days.ts).
      const buy = a.type === 'buy';
      const s = ins.series;
      if (!(ins.market && pending.add(bucket, c, QTY_DP - a.qtyDigits + s!.stepExp, buy ? a.qtyUnits : -a.qtyUnits, s!.units[ins.cursor]!))) {
        ensureBig(a);
        if (buy) bucket[c]! += a.quantity * this.markOf(ins);
        else bucket[c]! -= a.quantity * this.markOf(ins);
      }
      if (this.fast) {
        // A position in doubles already has its quantity as a small one; a BigInt one is followed.
        if (!pos.big) {
          ins.small.units = pos.units;
          ins.small.digits = pos.digits;
        } else followTrade(ins.small, pos.q, a.qtyUnits, a.qtyDigits, buy);
      }
      this.tradeOf[k] = ins.index;
      ins.count++;
    }
    const exp = AMOUNT_DP - a.minorUnit;
    if (!(a.lazy && pending.add(bucket, c, exp, a.cashMinor, 1))) {
      ensureBig(a);
      bucket[c]! += a.cash;
    }
    if (!(a.lazy && this.cashPending.add(this.cash, c, exp, a.cashMinor, 1))) {
      ensureBig(a);
      this.cash[c]! += a.cash;
    }
    if (a.toCurrency !== undefined) {
      const to = this.curOf(a.toCurrency, a.toMinorUnit!);
      this.cash[to]! += a.toCash!;
      bucket[to]! += a.toCash!;
    }
    if (idx > 0 && (a.type === 'deposit' || a.type === 'withdrawal')) {
      const rate = this.rateOn(c, this.firstDay + idx);
      if (rate !== undefined) this.flows[idx]! += a.cash * rate;
    }
    return undefined;
  }

  /**
   * A split of a held instrument: its units change, its cost does not, and its value neither. Closes are stored as
   * traded (docs/design.md#corporate-actions): when the day has a close, the day loop has already moved the holding
   * by the old units × the day's step (to the first post-split close) and the new units take that mark; when it has
   * none yet, the old mark is split. An instrument never traded has nothing to split.
   */
  private split(a: ParsedActivity, idx: number, k: number): void {
    const ins = this.instruments.get(a.symbol!);
    if (!ins) return;
    if (idx < 0 || !ins.held) this.resync(ins, a.day);
    this.tradeOf[k] = ins.index;
    ins.count++;
    if (!ins.held) return;
    this.pending.flushInto(this.bucket);
    const before = ins.pos.quantity;
    const mark = this.markOf(ins);
    splitPosition(ins.pos, a.ratioNum, a.ratioDen);
    const after = ins.pos.quantity;
    if (ins.market && ins.series!.days[ins.cursor]! >= a.day) this.bucket[ins.cur]! += (after - before) * mark;
    else {
      // The mark is from before the split (a trade's price, or a close of an earlier day): it is split too, and the
      // next close moves the holding from there (the day loop's full move, as for a first close).
      ins.mark = divRound(mark * a.ratioDen, a.ratioNum);
      ins.market = false;
      this.bucket[ins.cur]! += after * ins.mark - before * mark;
    }
    // The small form of the new quantity: its fewest fraction digits (followTrade raises them as trades need).
    let units = after;
    let digits = QTY_DP;
    while (digits > 0 && units % 10n === 0n) {
      units /= 10n;
      digits--;
    }
    ins.small.units = units <= MAX_EXACT_BIG ? Number(units) : NaN;
    ins.small.digits = digits;
  }

  /** Currency `c`'s rate to the base currency on `day` (a forward cursor: days only grow), or undefined. */
  rateOn(c: number, day: number): bigint | undefined {
    while (this.fxCursor.length < this.currencies.length) {
      this.fxCursor.push(-1);
      this.fxRate.push(-1n);
    }
    const code = this.currencies[c]!;
    if (code === this.table.baseCurrency) return fxAt(this.table, code, day);
    const s = this.table.fx.get(code);
    if (!s) return undefined;
    let i = this.fxCursor[c]!;
    while (i + 1 < s.days.length && s.days[i + 1]! <= day) i++;
    this.fxCursor[c] = i;
    return i < 0 ? undefined : s.values[i];
  }

  /**
   * After the pass: each instrument's trades in date order (`activities` and `keys` by input index, `order` the
   * date order or null), and the cash still pending in doubles.
   */
  finish(activities: readonly Activity[], keys: readonly string[], order: Int32Array | null): void {
    for (const ins of this.held) {
      ins.trades.keys = new Array(ins.count);
      ins.trades.acts = new Array(ins.count);
      ins.count = 0;
    }
    for (let i = 0; i < activities.length; i++) {
      const t = this.tradeOf[i]!;
      if (t < 0) continue;
      const ins = this.held[t]!;
      const at = order ? order[i]! : i;
      ins.trades.keys[ins.count] = keys[at]!;
      ins.trades.acts[ins.count++] = activities[at]!;
    }
    this.cashPending.flushInto(this.cash);
  }

  private instrument(a: ParsedActivity, c: number): Instrument {
    const symbol = a.symbol!;
    let ins = this.instruments.get(symbol);
    if (!ins) {
      const series = this.table.prices.get(symbol);
      ins = { pos: openPosition(symbol, a.currency, a.minorUnit, !this.fast), cur: c, series, cursor: -1, mark: 0n, market: false, held: false, small: { units: 0, digits: 0 }, trades: { keys: [], acts: [] }, index: this.held.length, count: 0 };
      this.instruments.set(symbol, ins);
      this.held.push(ins);
      this.trades.set(symbol, ins.trades);
      const id = this.table.symbolIds.get(symbol);
      if (id !== undefined) this.byId[id] = ins;
    }
    return ins;
  }
}
