import { dayNumber } from '../../shared/portfolio/days.js';

const DAY_MS = 86_400_000;
const isoOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
/** 0 Sunday … 6 Saturday of a day number (day 0 is 1970-01-01, a Thursday). */
const weekday = (n: number) => (n + 4) % 7;
const isWeekday = (n: number) => weekday(n) !== 0 && weekday(n) !== 6;

export interface Gaps {
  weekdays: number;
  longest: { from: string; to: string; weekdays: number } | null;
}

/**
 * Weekdays between the first and last of `dates` (ascending ISO dates) that have none, and the longest run of them
 * (weekends inside a run do not end it). Market holidays count: a weekday without a close is what the user sees.
 */
export function gapsOf(dates: readonly string[]): Gaps {
  let weekdays = 0;
  let longest: Gaps['longest'] = null;
  for (let i = 1; i < dates.length; i++) {
    const a = dayNumber(dates[i - 1]!);
    const b = dayNumber(dates[i]!);
    let missing = 0;
    let first = -1;
    let last = -1;
    for (let d = a + 1; d < b; d++) {
      if (!isWeekday(d)) continue;
      missing++;
      if (first < 0) first = d;
      last = d;
    }
    if (missing === 0) continue;
    weekdays += missing;
    if (!longest || missing > longest.weekdays) longest = { from: isoOf(first), to: isoOf(last), weekdays: missing };
  }
  return { weekdays, longest };
}
