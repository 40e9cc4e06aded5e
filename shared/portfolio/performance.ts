import { dayNumber, dayString } from './days.js';
import { fail, type PortfolioResult } from './errors.js';
import { formatFixed } from '../decimal/index.js';
import { AMOUNT_DP, BASE_DP, QTY_DP } from './scales.js';
import { dateOrder, ensureBig, isoMinorUnits, parseActivity, type Activity, type MinorUnits, type ParsedActivity } from './activity.js';
import {
  applyTrade,
  clonePosition,
  holdingView,
  lotViews,
  formatRealized,
  openPosition,
  realizedSellViews,
  realizedSums,
  replaceInSums,
  type CostMethod,
  type Holding,
  type LotView,
  type Position,
  type RealizedSellView,
  type RealizedSums,
} from './cost-basis.js';
import { PendingSums } from './pending-sum.js';
import { fxAt, indexAt, type PriceTable, type Series } from './price-table.js';
import { followTrade, type SmallQuantity } from './small-quantity.js';
import { linkGrowth, twrWindows, type TwrWindow, type WindowName } from './twr.js';

/**
 * The portfolio snapshot (issue 4 §6): holdings and realized P&L, cash, the daily value series in the base currency
 * and time-weighted returns, computed in one forward pass over activities sorted by date and the days of the range:
 * O(days × currencies + activities + price points), never a per-day recomputation.
 *
 * How a day is valued: per currency, a running "holdings value" Σ quantity × mark is kept up to date incrementally:
 * when an instrument's mark moves (a new close) the currency's total changes by quantity × (new − old); when a trade
 * changes the quantity it changes by Δquantity × mark. The day's value is Σ over currencies of (holdings value +
 * cash) × that day's FX rate to the base currency, so a past day always uses its own rate (DESIGN §5).
 *
 * The mark of an instrument is its last close on or before the day (carried forward); before its first known
 * close, the price of its latest trade (listed in warnings.pricedAtTrade). A currency without any rate yet on a day
 * is left out of that day's value (listed in warnings.missingFx) rather than converted at a later rate.
 */
export interface SnapshotInput {
  activities: readonly Activity[];
  method: CostMethod;
  table: PriceTable;
  /** First day of the series; default the first activity's day. */
  from?: string;
  /** Last day of the series (inclusive), usually today. Later activities count for holdings and cash only. */
  to: string;
  minorUnits?: MinorUnits;
  /**
   * False: every product in BigInt, no double fast path (pending-sum.ts). The results are identical either way; the
   * property tests compare the two.
   */
  fastPaths?: boolean;
}

export interface ValuePoint {
  date: string;
  /** Portfolio value at the day's close, base currency, its minor unit. */
  value: string;
  /** External flows of the day (deposits − withdrawals) in base currency. */
  flow: string;
}

export interface Snapshot {
  method: CostMethod;
  baseCurrency: string;
  from: string;
  to: string;
  holdings: Holding[];
  realizedByYear: Record<string, Record<string, string>>;
  cash: Record<string, string>;
  series: ValuePoint[];
  returns: Record<WindowName, TwrWindow | null>;
  warnings: { pricedAtTrade: string[]; missingFx: string[] };
}

/** Everything needed to update a snapshot without starting over. Treat as opaque and immutable. */
export interface SnapshotState {
  readonly method: CostMethod;
  readonly table: PriceTable;
  readonly minorUnits: MinorUnits;
  readonly baseMinorUnit: number;
  /** Day of index 0 of the arrays: the opening close, the day before `from`. */
  readonly firstDay: number;
  readonly toDay: number;
  /** Every activity so far: items[0, count). Append-only and shared between successive states (see appendTo). */
  readonly log: ActivityLog;
  readonly positions: ReadonlyMap<string, Position>;
  /** Per instrument, its trades in date order (raw records and their sort keys), replayed for back-dated trades. */
  readonly trades: ReadonlyMap<string, TradeList>;
  readonly cash: ReadonlyMap<string, { v: bigint; mu: number }>;
  /** Realized P&L per year and currency over all positions, kept so an update re-sums only the position it changed. */
  readonly realized: RealizedSums;
  /** Exact values and flows per day at scale 10^46; growth index at 10^24. */
  readonly values: readonly bigint[];
  readonly flows: readonly bigint[];
  readonly growth: readonly bigint[];
  readonly pricedAtTrade: ReadonlySet<string>;
  readonly missingFx: ReadonlySet<string>;
  readonly snapshot: Snapshot;
}

export type SnapshotResult = PortfolioResult<{ snapshot: Snapshot; state: SnapshotState }>;

interface ActivityLog {
  readonly items: Activity[];
  readonly count: number;
  /** False while items is the caller's own array, which is never written to. */
  readonly owned: boolean;
}

/**
 * A new log with one more activity, O(1) in the usual case: the array is shared with the previous state, which
 * only ever reads its first `count` items. When that state was already extended (a branch), the prefix is copied.
 */
function appendTo(log: ActivityLog, a: Activity): ActivityLog {
  const items = log.owned && log.items.length === log.count ? log.items : log.items.slice(0, log.count);
  items.push(a);
  return { items, count: log.count + 1, owned: true };
}

export function activitiesOf(state: SnapshotState): Activity[] {
  return state.log.items.slice(0, state.log.count);
}

interface TradeList {
  readonly keys: readonly string[];
  readonly acts: readonly Activity[];
  /**
   * The same trades parsed (lean), once the instrument was replayed for a back-dated trade: carried to the lists
   * that follow, so the next back-dated trade parses none of them again. Only read by applyTrade (whose ensureBig
   * may fill a record's BigInts, with the values the full parse gives).
   */
  readonly parsed?: readonly ParsedActivity[];
}

interface Instrument {
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

export function computeSnapshot(input: SnapshotInput): SnapshotResult {
  const minorUnits = input.minorUnits ?? isoMinorUnits;
  const base = input.table.baseCurrency;
  const baseMinorUnit = minorUnits(base);
  if (baseMinorUnit === undefined) return fail('UNKNOWN_CURRENCY', `unknown base currency ${base}`);
  const ordered = dateOrder(input.activities);
  if (!ordered.ok) return ordered;
  const { keys, dates, order } = ordered.data;
  const total = input.activities.length;
  const fast = input.fastPaths !== false;
  // Parse one activity at a time, in date order, as the pass reaches it.
  let k = 0;
  let current: ParsedActivity | undefined;
  let parseError: SnapshotResult | undefined;
  // One record overwritten for every activity: nothing keeps a parsed activity once it is applied.
  let scratch: ParsedActivity | undefined;
  const peek = (): ParsedActivity | undefined => {
    if (current === undefined && k < total && parseError === undefined) {
      const at = order ? order[k]! : k;
      const r = parseActivity(input.activities[at]!, minorUnits, dates[at], scratch, fast);
      if (r.ok) current = scratch = r.data;
      else parseError = r;
    }
    return current;
  };
  const take = () => {
    current = undefined;
    k++;
  };
  const toDay = dayNumber(input.to);
  const fromDay = input.from ? dayNumber(input.from) : Math.min(peek()?.day ?? toDay, toDay);
  const firstDay = fromDay - 1;
  const n = Math.max(0, toDay - firstDay + 1);

  const currencies: string[] = [];
  const curIndex = new Map<string, number>();
  const cash: bigint[] = [];
  const cashMu: number[] = [];
  const bucket: bigint[] = [];
  const curOf = (code: string, mu: number) => {
    let c = curIndex.get(code);
    if (c === undefined) {
      c = currencies.length;
      curIndex.set(code, c);
      currencies.push(code);
      cash.push(0n);
      cashMu.push(mu);
      bucket.push(0n);
    }
    return c;
  };
  const instruments = new Map<string, Instrument>();
  const held: Instrument[] = [];
  const trades = new Map<string, { keys: string[]; acts: Activity[] }>();
  // The instrument (its index in `held`) of each trade in date order, -1 for other activities: each instrument's
  // list is built once at the end at its size, not grown by a push per trade.
  const tradeOf = new Int32Array(total).fill(-1);
  const pricedAtTrade = new Set<string>();
  const missingFx = new Set<string>();

  // The mark is the close at the cursor once the instrument has one (not copied on every close: the value loop
  // below stays on typed arrays), else the price of its latest trade.
  const markOf = (ins: Instrument): bigint => (ins.market ? ins.series!.values[ins.cursor]! : ins.mark);
  /** The holding's value moves by quantity × (new mark − old mark); the caller then moves the cursor or `mark`. */
  const moveMark = (ins: Instrument, mark: bigint) => {
    if (ins.held) bucket[ins.cur]! += ins.pos.quantity * (mark - markOf(ins));
  };
  // Binary search, used when an instrument's cursor may be behind: it was not held (the day index skips it then)
  // or the day is outside the series loop.
  const resync = (ins: Instrument, day: number) => {
    const s = ins.series;
    if (!s) return;
    const i = indexAt(s, day);
    if (i >= 0 && i !== ins.cursor) {
      moveMark(ins, s.values[i]!);
      ins.cursor = i;
      ins.market = true;
    }
  };
  const byId: (Instrument | undefined)[] = new Array(input.table.symbols.length);
  const index = input.table.byDay;

  const values: bigint[] = new Array(n);
  const flows: bigint[] = new Array(n).fill(0n);
  // Σ quantity × close step per currency in exact doubles where they fit, added to `bucket` at each day's end.
  const pending = new PendingSums(fast ? 64 : 0);
  // `bucket` also holds each currency's cash, so that a day's amount is one total. Lazy trades (activity.ts: their
  // BigInts unbuilt) move it in minor units through `pending`, and the final balances in `cash` through `cashPending`,
  // which is flushed only at the end.
  const cashPending = new PendingSums(fast ? 64 : 0);
  const fxCursor: number[] = [];
  const fxRate: bigint[] = [];

  const apply = (a: ParsedActivity, idx: number): PortfolioResult<void> | undefined => {
    const c = curOf(a.currency, a.minorUnit);
    if (a.symbol !== undefined && (a.type === 'buy' || a.type === 'sell')) {
      let ins = instruments.get(a.symbol);
      if (!ins) {
        const series = input.table.prices.get(a.symbol);
        ins = { pos: openPosition(a.symbol, a.currency, a.minorUnit, !fast), cur: c, series, cursor: -1, mark: 0n, market: false, held: false, small: { units: 0, digits: 0 }, trades: { keys: [], acts: [] }, index: held.length, count: 0 };
        instruments.set(a.symbol, ins);
        held.push(ins);
        trades.set(a.symbol, ins.trades);
        const id = input.table.symbolIds.get(a.symbol);
        if (id !== undefined) byId[id] = ins;
      }
      if (idx < 0 || !ins.held) resync(ins, a.day);
      if (!ins.market) {
        ensureBig(a);
        moveMark(ins, a.price);
        ins.mark = a.price;
        if (idx >= 0) pricedAtTrade.add(a.symbol);
      }
      const r = applyTrade(ins.pos, a, input.method);
      if (!r.ok) return r;
      const pos = ins.pos;
      ins.held = pos.held;
      // ± quantity × mark, in doubles when both are small (see the value loop below).
      const buy = a.type === 'buy';
      const s = ins.series;
      if (!(ins.market && pending.add(bucket, c, QTY_DP - a.qtyDigits + s!.stepExp, buy ? a.qtyUnits : -a.qtyUnits, s!.units[ins.cursor]!))) {
        ensureBig(a);
        if (buy) bucket[c]! += a.quantity * markOf(ins);
        else bucket[c]! -= a.quantity * markOf(ins);
      }
      if (fast) {
        // A position in doubles already has its quantity as a small one; a BigInt one is followed.
        if (!pos.big) {
          ins.small.units = pos.units;
          ins.small.digits = pos.digits;
        } else followTrade(ins.small, pos.q, a.qtyUnits, a.qtyDigits, buy);
      }
      tradeOf[k] = ins.index;
      ins.count++;
    }
    const exp = AMOUNT_DP - a.minorUnit;
    if (!(a.lazy && pending.add(bucket, c, exp, a.cashMinor, 1))) {
      ensureBig(a);
      bucket[c]! += a.cash;
    }
    if (!(a.lazy && cashPending.add(cash, c, exp, a.cashMinor, 1))) {
      ensureBig(a);
      cash[c]! += a.cash;
    }
    if (a.toCurrency !== undefined) {
      const to = curOf(a.toCurrency, a.toMinorUnit!);
      cash[to]! += a.toCash!;
      bucket[to]! += a.toCash!;
    }
    if (idx > 0 && (a.type === 'deposit' || a.type === 'withdrawal')) {
      const rate = rateOn(c, firstDay + idx);
      if (rate !== undefined) flows[idx]! += a.cash * rate;
    }
    return undefined;
  };
  const rateOn = (c: number, day: number): bigint | undefined => {
    while (fxCursor.length < currencies.length) {
      fxCursor.push(-1);
      fxRate.push(-1n);
    }
    const code = currencies[c]!;
    if (code === base) return fxAt(input.table, code, day);
    const s = input.table.fx.get(code);
    if (!s) return undefined;
    let i = fxCursor[c]!;
    while (i + 1 < s.days.length && s.days[i + 1]! <= day) i++;
    fxCursor[c] = i;
    return i < 0 ? undefined : s.values[i];
  };

  // Activities before the opening day only build the opening position.
  for (let a = peek(); a !== undefined && a.day < firstDay; take(), a = peek()) {
    const e = apply(a, -1);
    if (e) return e as PortfolioResult<never>;
  }
  for (const ins of held) if (ins.pos.held) resync(ins, firstDay);
  pending.flushInto(bucket); // (also flushed at each day's end; `bucket` must be whole whenever it is read)
  for (let idx = 0; idx < n; idx++) {
    const day = firstDay + idx;
    // New closes of the day, for held instruments only; an instrument not held is caught up by resync when traded.
    const at = day - index.firstDay;
    if (at >= 0 && at < index.offsets.length - 1) {
      for (let e = index.offsets[at]!, end = index.offsets[at + 1]!; e < end; e++) {
        const ins = byId[index.symbolIds[e]!];
        if (ins === undefined || !ins.held) continue;
        const pi = index.points[e]!;
        if (pi <= ins.cursor) continue;
        const s = ins.series!;
        if (pi === ins.cursor + 1 && ins.market) {
          // quantity × step = units × step × 10^(18 − digits + stepExp) at the 10^28 scale of amounts.
          if (!pending.add(bucket, ins.cur, QTY_DP - ins.small.digits + s.stepExp, ins.small.units, s.steps[pi]!)) {
            bucket[ins.cur]! += ins.pos.quantity * (s.values[pi]! - s.values[pi - 1]!);
          }
        } else {
          moveMark(ins, s.values[pi]!);
          ins.market = true;
        }
        ins.cursor = pi;
      }
    }
    for (let a = peek(); a !== undefined && a.day === day; take(), a = peek()) {
      const e = apply(a, idx);
      if (e) return e as PortfolioResult<never>;
    }
    pending.flushInto(bucket);
    let v = 0n;
    for (let c = 0; c < currencies.length; c++) {
      const amount = bucket[c]!;
      if (amount === 0n) continue;
      const rate = rateOn(c, day);
      if (rate === undefined) missingFx.add(currencies[c]!);
      else v += amount * rate;
    }
    values[idx] = v;
  }
  for (let a = peek(); a !== undefined; take(), a = peek()) {
    const e = apply(a, -1);
    if (e) return e as PortfolioResult<never>;
  }
  if (parseError) return parseError;
  for (const ins of held) {
    ins.trades.keys = new Array(ins.count);
    ins.trades.acts = new Array(ins.count);
    ins.count = 0;
  }
  for (let i = 0; i < total; i++) {
    const t = tradeOf[i]!;
    if (t < 0) continue;
    const ins = held[t]!;
    const at = order ? order[i]! : i;
    ins.trades.keys[ins.count] = keys[at]!;
    ins.trades.acts[ins.count++] = input.activities[at]!;
  }
  cashPending.flushInto(cash);

  const growth: bigint[] = new Array(n);
  linkGrowth(values, flows, growth);
  const positions = new Map<string, Position>();
  for (const [s, ins] of instruments) positions.set(s, ins.pos);
  const cashMap = new Map<string, { v: bigint; mu: number }>();
  currencies.forEach((code, c) => cashMap.set(code, { v: cash[c]!, mu: cashMu[c]! }));

  const partial = {
    method: input.method,
    table: input.table,
    minorUnits,
    baseMinorUnit,
    firstDay,
    toDay,
    log: { items: input.activities as Activity[], count: input.activities.length, owned: false },
    positions,
    trades,
    cash: cashMap,
    realized: realizedSums(positions.values()),
    values,
    flows,
    growth,
    pricedAtTrade,
    missingFx,
  };
  const holdings = [...positions.values()].sort((a, b) => a.symbol.localeCompare(b.symbol)).map((p) => holdingView(p, false));
  const snapshot = render(partial, holdings, [], 0);
  const state: SnapshotState = { ...partial, snapshot };
  return { ok: true, data: { snapshot, state } };
}

type StateCore = Omit<SnapshotState, 'snapshot'>;

/** Builds the string view; series points before `reuseUpTo` are taken from `previous` unchanged. */
function render(s: StateCore, holdings: Holding[], previous: readonly ValuePoint[], reuseUpTo: number, realized?: Snapshot['realizedByYear']): Snapshot {
  const mu = s.baseMinorUnit;
  const n = s.values.length;
  const series: ValuePoint[] = new Array(Math.max(0, n - 1));
  // The arrays start at the opening day; the visible series starts the day after.
  for (let idx = 1; idx < n; idx++) {
    series[idx - 1] =
      idx - 1 < reuseUpTo && previous[idx - 1]
        ? previous[idx - 1]!
        : { date: dayString(s.firstDay + idx), value: formatFixed(s.values[idx]!, BASE_DP, mu), flow: formatFixed(s.flows[idx]!, BASE_DP, mu) };
  }
  const cash: Record<string, string> = {};
  for (const [code, { v, mu: m }] of [...s.cash].sort(([a], [b]) => a.localeCompare(b))) cash[code] = formatFixed(v, AMOUNT_DP, m);
  return {
    method: s.method,
    baseCurrency: s.table.baseCurrency,
    from: dayString(s.firstDay + 1),
    to: dayString(s.toDay),
    holdings,
    realizedByYear: realized ?? formatRealized(s.realized),
    cash,
    series,
    returns: twrWindows(s.growth, s.firstDay),
    warnings: { pricedAtTrade: [...s.pricedAtTrade].sort(), missingFx: [...s.missingFx].sort() },
  };
}

/** Every realized sell of the snapshot (or of one symbol), in date order; built on demand, not kept as strings. */
export function realizedSells(state: SnapshotState, symbol?: string): RealizedSellView[] {
  const ps = symbol === undefined ? [...state.positions.values()] : [state.positions.get(symbol)].filter((p): p is Position => !!p);
  return ps.flatMap(realizedSellViews).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Open FIFO lots of one holding (empty under average cost or when nothing is held). */
export function openLots(state: SnapshotState, symbol: string): LotView[] {
  const p = state.positions.get(symbol);
  return p ? lotViews(p) : [];
}

/**
 * Adds one activity to a snapshot without recomputing it: the instrument's position is updated (appended, or
 * replayed from its own trades when the activity is back-dated, so FIFO stays right), cash moves, and the value
 * series and growth index change only from the activity's day on, by Δquantity × mark + Δcash at each day's rate.
 * O(days after the activity + that instrument's trades). Falls back to a full computation in the one case the delta
 * cannot be known from the price table alone (a trade before the instrument's first known close).
 */
export function applyActivity(state: SnapshotState, activity: Activity): SnapshotResult {
  const parsedOne = parseActivity(activity, state.minorUnits);
  if (!parsedOne.ok) return parsedOne;
  const a = parsedOne.data;
  const recompute = () =>
    computeSnapshot({ activities: [...activitiesOf(state), activity], method: state.method, table: state.table, from: dayString(state.firstDay + 1), to: dayString(state.toDay), minorUnits: state.minorUnits });

  const n = state.values.length;
  const startIdx = Math.max(0, a.day - state.firstDay);
  const inSeries = startIdx < n;
  // (Copied by forEach: a Map built from a Map's iterator allocates an entry pair per element.)
  const positions = copyMap(state.positions);
  const trades = copyMap(state.trades);
  let dq = 0n;
  let series: Series | undefined;
  let holdings = state.snapshot.holdings;
  let replayed = false;
  let realized = state.realized;

  if (a.symbol !== undefined && (a.type === 'buy' || a.type === 'sell')) {
    series = state.table.prices.get(a.symbol);
    if (inSeries && (!series || indexAt(series, state.firstDay + startIdx) < 0)) return recompute();
    const list = state.trades.get(a.symbol) ?? { keys: [], acts: [] };
    let at = list.keys.length;
    while (at > 0 && list.keys[at - 1]! > a.key) at--;
    const old = state.positions.get(a.symbol);
    const acts = insertAt(list.acts, at, activity);
    let pos: Position;
    let parsed: ParsedActivity[] | undefined;
    if (at === list.keys.length) {
      pos = old ? clonePosition(old) : openPosition(a.symbol, a.currency, a.minorUnit);
      const r = applyTrade(pos, a, state.method);
      if (!r.ok) return r;
      if (list.parsed) parsed = insertAt(list.parsed, at, a);
    } else {
      replayed = true;
      // (Parsed again if the currency's minor unit is no longer the one they were parsed with.)
      let before = list.parsed;
      if (!before || before.length !== list.acts.length || (before.length > 0 && before[0]!.minorUnit !== a.minorUnit)) {
        const out: ParsedActivity[] = new Array(list.acts.length);
        for (let i = 0; i < out.length; i++) {
          const p = parseActivity(list.acts[i]!, state.minorUnits, undefined, undefined, true);
          if (!p.ok) return p;
          out[i] = p.data;
        }
        before = out;
      }
      parsed = insertAt(before, at, a);
      pos = openPosition(a.symbol, a.currency, a.minorUnit);
      for (const t of parsed) {
        const r = applyTrade(pos, t, state.method);
        if (!r.ok) return r;
      }
    }
    dq = a.type === 'buy' ? a.quantity : -a.quantity;
    positions.set(a.symbol, pos);
    // Only a sell realizes P&L; a back-dated buy replays the instrument's trades, and FIFO releases cost from the
    // lots in date order, so a sell after it may change too.
    if (a.type === 'sell' || replayed) realized = replaceInSums(state.realized, old, pos);
    trades.set(a.symbol, { keys: insertAt(list.keys, at, a.key), acts, parsed });
    const view = holdingView(pos, false);
    holdings = old ? holdings.map((h) => (h.symbol === a.symbol ? view : h)) : [...holdings, view].sort((x, y) => x.symbol.localeCompare(y.symbol));
  }

  const cash = copyMap(state.cash);
  const move = (code: string, mu: number, delta: bigint) => cash.set(code, { v: (cash.get(code)?.v ?? 0n) + delta, mu });
  move(a.currency, a.minorUnit, a.cash);
  if (a.toCurrency !== undefined) move(a.toCurrency, a.toMinorUnit!, a.toCash!);

  let values = state.values as bigint[];
  let flows = state.flows as bigint[];
  let growth = state.growth as bigint[];
  const missingFx = new Set(state.missingFx);
  if (inSeries) {
    values = state.values.slice();
    growth = state.growth.slice();
    const legs: { code: string; amount: bigint; dq: bigint }[] = [{ code: a.currency, amount: a.cash, dq }];
    if (a.toCurrency !== undefined) legs.push({ code: a.toCurrency, amount: a.toCash!, dq: 0n });
    for (const leg of legs) addLeg(state, values, startIdx, leg.code, leg.amount, leg.dq, series, missingFx);
    // Flows change only with a deposit or withdrawal: otherwise the new state shares the array (never written to).
    if (startIdx > 0 && (a.type === 'deposit' || a.type === 'withdrawal')) {
      const rate = fxAt(state.table, a.currency, a.day);
      if (rate !== undefined) {
        flows = state.flows.slice();
        flows[startIdx]! += a.cash * rate;
      }
    }
    linkGrowth(values, flows, growth, startIdx);
  }

  const core: StateCore = { ...state, log: appendTo(state.log, activity), positions, trades, cash, realized, values, flows, growth, missingFx };
  const snapshot = render(core, holdings, state.snapshot.series, inSeries ? startIdx - 1 : n, realized === state.realized ? state.snapshot.realizedByYear : undefined);
  return { ok: true, data: { snapshot, state: { ...core, snapshot } } };
}

/** A copy of `xs` with `x` inserted at `at` (one allocation; a spread of slices iterates element by element). */
function insertAt<T>(xs: readonly T[], at: number, x: T): T[] {
  const out = xs.slice();
  out.splice(at, 0, x);
  return out;
}

function copyMap<K, V>(m: ReadonlyMap<K, V>): Map<K, V> {
  const out = new Map<K, V>();
  m.forEach((v, k) => out.set(k, v));
  return out;
}

/** Adds (Δquantity × mark + Δcash) × rate to every day from startIdx on, walking marks and rates with cursors. */
function addLeg(state: StateCore, values: bigint[], startIdx: number, code: string, amount: bigint, dq: bigint, series: Series | undefined, missingFx: Set<string>) {
  const fx = state.table.fx.get(code);
  const isBase = code === state.table.baseCurrency;
  let day = state.firstDay + startIdx;
  let fi = fx ? indexAt(fx, day) : -1;
  let pi = series && dq !== 0n ? indexAt(series, day) : -1;
  for (let idx = startIdx; idx < values.length; idx++, day++) {
    if (fx) while (fi + 1 < fx.days.length && fx.days[fi + 1]! <= day) fi++;
    let local = amount;
    if (series && dq !== 0n) {
      while (pi + 1 < series.days.length && series.days[pi + 1]! <= day) pi++;
      local += dq * series.values[pi]!;
    }
    if (local === 0n) continue;
    if (isBase) values[idx]! += local * fxAt(state.table, code, day)!;
    else if (fi >= 0) values[idx]! += local * fx!.values[fi]!;
    else missingFx.add(code);
  }
}
