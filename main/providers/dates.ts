import type { DailyBar } from '../../shared/market.js';

const DAY_MS = 86_400_000;
export const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function dateToMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export function isoDateUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return isoDateUtc(dateToMs(date) + n * DAY_MS);
}

/** Inclusive count of calendar days from `from` to `to`. */
export function daysInclusive(from: string, to: string): number {
  return Math.round((dateToMs(to) - dateToMs(from)) / DAY_MS) + 1;
}

export function unixSeconds(date: string): number {
  return Math.floor(dateToMs(date) / 1000);
}

/** Splits [from, to] into consecutive chunks of at most `maxDays` days (a provider's per-request limit). */
export function splitRange(from: string, to: string, maxDays: number): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let start = from;
  while (start <= to) {
    const candidate = addDays(start, maxDays - 1);
    const end = candidate < to ? candidate : to;
    out.push([start, end]);
    start = addDays(end, 1);
  }
  return out;
}

export function assertRange(from: string, to: string): void {
  if (!ISO_DATE_RE.test(from) || !ISO_DATE_RE.test(to) || Number.isNaN(dateToMs(from)) || Number.isNaN(dateToMs(to))) {
    throw new RangeError(`dates must be YYYY-MM-DD: ${from}..${to}`);
  }
  if (from > to) throw new RangeError(`from ${from} is after to ${to}`);
}

/**
 * The last step of every adapter: keep only [from, to] (some APIs return the previous business day too), sort by
 * date, keep the last bar of a date if a provider repeats one. Gaps stay gaps: filling is the reader's job.
 */
export function finishBars(bars: Iterable<DailyBar>, from: string, to: string): DailyBar[] {
  const byDate = new Map<string, DailyBar>();
  for (const b of bars) if (b.date >= from && b.date <= to) byDate.set(b.date, b);
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
