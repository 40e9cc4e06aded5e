import { dayNumber } from '../../shared/portfolio/days.js';
import { divRound, formatFixed } from '../../shared/decimal/index.js';
import { BASE_DP } from '../../shared/portfolio/scales.js';
import type { ValuePoint } from '../../shared/portfolio/performance.js';
import type { SnapshotState } from '../../shared/portfolio/performance.js';
import { fxAt, indexAt } from '../../shared/portfolio/price-table.js';
import { twrWindows, type TwrWindow, type WindowName } from '../../shared/portfolio/twr.js';

/**
 * Live ticks move only today's point: the computed state values today at the last stored close (or the latest
 * trade's price before any close) and the last stored rate. With live marks and rates, today's value changes by
 *     Σ_c [ (Σ_h q_h·m_h^live + cash_c)·r_c^live − (Σ_h q_h·m_h + cash_c)·r_c ]
 * over currencies c and holdings h in c, exact at scale 10^46 like the state's own values. The day's growth link is
 * redone from that one value, so the returns follow the ticks too; nothing before today is touched.
 */
export interface LiveMarks {
  /** Per symbol, scale 10^10. */
  prices: ReadonlyMap<string, bigint>;
  /** Per currency, units of base per one unit, scale 10^18. */
  rates: ReadonlyMap<string, bigint>;
}

export interface TodaySeries {
  series: ValuePoint[];
  returns: Record<WindowName, TwrWindow | null>;
  /** Today's value at scale 10^46 (null when the state has no day). */
  value: bigint | null;
}

function valueToday(state: SnapshotState, live: LiveMarks | null): bigint {
  const day = state.toDay;
  const table = state.table;
  const local = new Map<string, bigint>();
  for (const [code, { v }] of state.cash) local.set(code, v);
  for (const p of state.positions.values()) {
    if (p.quantity === 0n) continue;
    const s = table.prices.get(p.symbol);
    const i = s ? indexAt(s, day) : -1;
    const mark = live?.prices.get(p.symbol) ?? (i >= 0 ? s!.values[i]! : p.lastPrice);
    local.set(p.currency, (local.get(p.currency) ?? 0n) + p.quantity * mark);
  }
  let v = 0n;
  for (const [code, amount] of local) {
    if (amount === 0n) continue;
    const rate = live?.rates.get(code) ?? fxAt(table, code, day);
    if (rate !== undefined) v += amount * rate;
  }
  return v;
}

export function todaySeries(state: SnapshotState, live: LiveMarks): TodaySeries {
  const { series, returns } = state.snapshot;
  const n = state.values.length;
  if (n < 2 || state.toDay !== dayNumber(state.snapshot.to)) return { series, returns, value: n ? state.values[n - 1]! : null };
  // No live mark or rate: today is what the state says (both valuations below would give the same, delta 0).
  if (live.prices.size === 0 && live.rates.size === 0) return { series, returns, value: state.values[n - 1]! };
  const delta = valueToday(state, live) - valueToday(state, null);
  if (delta === 0n) return { series, returns, value: state.values[n - 1]! };
  // Today's growth link redone from the new value (linkGrowth's step for the last day), without copying the arrays.
  const value = state.values[n - 1]! + delta;
  const start = state.values[n - 2]! + state.flows[n - 1]!;
  const g = state.growth[n - 2]!;
  const growth = start > 0n ? divRound(g * value, start) : g;
  const out = series.slice();
  const last = out[out.length - 1]!;
  out[out.length - 1] = { date: last.date, value: formatFixed(value, BASE_DP, state.baseMinorUnit), flow: last.flow };
  return { series: out, returns: twrWindows(state.growth, state.firstDay, growth), value };
}
