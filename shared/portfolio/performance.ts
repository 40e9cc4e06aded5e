import { dayNumber, dayString } from './days.js';
import { fail, type PortfolioResult } from './errors.js';
import { formatFixed } from '../decimal/index.js';
import { AMOUNT_DP, BASE_DP } from './scales.js';
import { dateOrder, isoMinorUnits, parseActivity, type Activity, type MinorUnits, type ParsedActivity } from './activity.js';
import { ActivityCursor } from './activity-cursor.js';
import { applyTrade } from './trades.js';
import { clonePosition, openPosition, type CostMethod, type Position } from './position.js';
import { holdingView, lotViews, realizedSellViews, type Holding, type LotView, type RealizedSellView } from './holding-views.js';
import { formatRealized, realizedSums, replaceInSums, type RealizedSums } from './realized-years.js';
import { fxAt, indexAt, type PriceTable, type Series } from './price-table.js';
import { Replay } from './replay.js';
import { linkGrowth, twrWindows, type TwrWindow, type WindowName } from './twr.js';
import { valueDays } from './value-days.js';

/**
 * The portfolio snapshot: holdings and realized P&L, cash, the daily value series in the base currency
 * and time-weighted returns, computed in one forward pass over activities sorted by date and the days of the range:
 * O(days × currencies + activities + price points), never a per-day recomputation.
 *
 * How a day is valued: per currency, a running "holdings value" Σ quantity × mark is kept up to date incrementally:
 * when an instrument's mark moves (a new close) the currency's total changes by quantity × (new − old); when a trade
 * changes the quantity it changes by Δquantity × mark. The day's value is Σ over currencies of (holdings value +
 * cash) × that day's FX rate to the base currency, so a past day always uses its own rate.
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

/**
 * In phases: parse (activity-cursor.ts: each activity parsed in date order as the pass reaches it), replay
 * (replay.ts: positions, cash and per-currency buckets moved by each activity), value the days (value-days.ts: the
 * day loop of closes, activities and FX rates), returns (twr.ts: the growth index linked over the daily values and
 * flows), then the state and its string view.
 */
export function computeSnapshot(input: SnapshotInput): SnapshotResult {
  const minorUnits = input.minorUnits ?? isoMinorUnits;
  const baseMinorUnit = minorUnits(input.table.baseCurrency);
  if (baseMinorUnit === undefined) return fail('UNKNOWN_CURRENCY', `unknown base currency ${input.table.baseCurrency}`);
  const ordered = dateOrder(input.activities);
  if (!ordered.ok) return ordered;
  const { keys, dates, order } = ordered.data;
  const fast = input.fastPaths !== false;
  const cursor = new ActivityCursor(input.activities, dates, order, minorUnits, fast);
  const toDay = dayNumber(input.to);
  const fromDay = input.from ? dayNumber(input.from) : Math.min(cursor.peek()?.day ?? toDay, toDay);
  const firstDay = fromDay - 1;
  const n = Math.max(0, toDay - firstDay + 1);

  const replay = new Replay(input.table, input.method, fast, firstDay, n, input.activities.length);
  const days = valueDays(replay, cursor, input.table, firstDay, n);
  if (!days.ok) return days;
  replay.finish(input.activities, keys, order);

  const values = days.data;
  const growth: bigint[] = new Array(n);
  linkGrowth(values, replay.flows, growth);

  const partial = stateOf(input, minorUnits, baseMinorUnit, firstDay, toDay, replay, values, growth);
  const holdings = [...partial.positions.values()].sort((a, b) => a.symbol.localeCompare(b.symbol)).map((p) => holdingView(p, false));
  const snapshot = render(partial, holdings, [], 0);
  const state: SnapshotState = { ...partial, snapshot };
  return { ok: true, data: { snapshot, state } };
}

/** The state a full computation leaves (without its string view). */
function stateOf(input: SnapshotInput, minorUnits: MinorUnits, baseMinorUnit: number, firstDay: number, toDay: number, replay: Replay, values: bigint[], growth: bigint[]): StateCore {
  const positions = new Map<string, Position>();
  for (const [s, ins] of replay.instruments) positions.set(s, ins.pos);
  const cash = new Map<string, { v: bigint; mu: number }>();
  replay.currencies.forEach((code, c) => cash.set(code, { v: replay.cash[c]!, mu: replay.cashMu[c]! }));
  return {
    method: input.method,
    table: input.table,
    minorUnits,
    baseMinorUnit,
    firstDay,
    toDay,
    log: { items: input.activities as Activity[], count: input.activities.length, owned: false },
    positions,
    trades: replay.trades,
    cash,
    realized: realizedSums(positions.values()),
    values,
    flows: replay.flows,
    growth,
    pricedAtTrade: replay.pricedAtTrade,
    missingFx: replay.missingFx,
  };
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

  // A split changes the units of every day after it: replayed in full (a rare event).
  if (a.type === 'split') return recompute();
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
      // A back-dated trade before a split is in the old units: its Δquantity changes at the split.
      if (list.acts.some((t) => t.type === 'split')) return recompute();
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
