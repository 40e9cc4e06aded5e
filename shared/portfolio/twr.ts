import { addMonths, dayNumber, dayString } from './days.js';
import { divRound, formatFixed, pow10 } from '../decimal/index.js';

/**
 * Time-weighted return by daily linking (GIPS: "true" TWR by geometric linking of sub-period returns, with the
 * portfolio valued at every external cash flow; daily valuation makes each day a sub-period).
 *
 * The day's return treats that day's external flows (deposits positive, withdrawals negative, in base currency at
 * that day's rate) as arriving at the start of the day, i.e. the Modified Dietz weight 1 for a one-day period:
 *     r_d = V_d / (V_{d-1} + F_d) − 1
 * so money deposited and invested on the same day earns (or loses) that day's move. A day that starts with no
 * capital at risk (V_{d-1} + F_d ≤ 0) contributes no return. Dividends, interest and fees are not external flows:
 * they are part of the return (net of fees).
 *
 * Growth is kept as a cumulative index G (scale 10^24, rounded half-even each day); the return over a window is
 * G_end / G_start − 1, with G_start the close of the day before the window.
 */
export const GROWTH_DP = 24;
export const ONE_GROWTH = pow10(GROWTH_DP);

/** Fills growth[from..] from values/flows; growth[0] = 1 is the opening day. */
export function linkGrowth(values: readonly bigint[], flows: readonly bigint[], growth: bigint[], from = 1): void {
  if (values.length > 0) growth[0] = ONE_GROWTH;
  for (let d = Math.max(1, from); d < values.length; d++) {
    const start = values[d - 1]! + flows[d]!;
    const g = growth[d - 1]!;
    growth[d] = start > 0n ? divRound(g * values[d]!, start) : g;
  }
}

export type WindowName = '1M' | '3M' | 'YTD' | '1Y' | 'Max';
export const WINDOWS: readonly WindowName[] = ['1M', '3M', 'YTD', '1Y', 'Max'];

export interface TwrWindow {
  /** The close the window starts from (the day before its first day). */
  start: string;
  end: string;
  /** Decimal fraction (0.1478 = 14.78 %), 10 digits, half-even. */
  twr: string;
  /** True when the series began after the window's natural start, so the figure covers less time. */
  clamped: boolean;
}

/** `firstDay` is the day at index 0 of the growth array (the opening day). */
export function windowStart(name: WindowName, end: string, firstDay: number): number {
  switch (name) {
    case '1M':
      return dayNumber(addMonths(end, -1));
    case '3M':
      return dayNumber(addMonths(end, -3));
    case '1Y':
      return dayNumber(addMonths(end, -12));
    case 'YTD':
      return dayNumber(`${end.slice(0, 4)}-01-01`) - 1;
    case 'Max':
      return firstDay;
  }
}

/** `lastGrowth`: the last day's growth in place of growth's own last item (today revalued at live marks, today.ts). */
export function twrWindows(growth: readonly bigint[], firstDay: number, lastGrowth?: bigint): Record<WindowName, TwrWindow | null> {
  const out = {} as Record<WindowName, TwrWindow | null>;
  const last = growth.length - 1;
  const at = (i: number) => (i === last && lastGrowth !== undefined ? lastGrowth : growth[i]!);
  for (const name of WINDOWS) {
    if (last < 1) {
      out[name] = null;
      continue;
    }
    const endDay = firstDay + last;
    const end = dayString(endDay);
    const want = windowStart(name, end, firstDay);
    const startIdx = Math.max(0, want - firstDay);
    const g0 = at(startIdx);
    const g1 = at(last);
    if (g0 === 0n) {
      out[name] = null; // everything was lost before the window: no base to measure a return from
      continue;
    }
    out[name] = {
      start: dayString(firstDay + startIdx),
      end,
      twr: formatFixed(divRound((g1 - g0) * ONE_GROWTH, g0), GROWTH_DP, 10),
      clamped: want < firstDay,
    };
  }
  return out;
}
