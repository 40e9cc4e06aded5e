import { Dec } from './decimal/index.js';

/**
 * Pure FX rules: rates are stored as published; weekends and holidays are filled only when reading, by
 * carrying the last published rate forward and saying so; never past the last published date. Cross rates go
 * through a pivot (USD or EUR) when no direct pair exists. No Node, no DOM: shared by main and the renderer.
 */
export interface PublishedRate {
  /** YYYY-MM-DD of publication. */
  date: string;
  /** Units of quote per one unit of base, as published (decimal string). */
  rate: string;
  source: string;
}

export interface SeriesPoint {
  date: string;
  rate: string;
  /** The date the rate was actually published (earlier than `date` when carried forward). */
  publishedDate: string;
  filled: boolean;
  source: string;
}

const DAY_MS = 86_400_000;

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return isoDate(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS);
}

/** The day after `date` (YYYY-MM-DD), by the calendar's digits: what addDays(date, 1) gives, without a Date. */
export function nextDay(date: string): string {
  const day = Number(date.slice(8, 10));
  if (day < 28) return date.slice(0, 8) + (day < 9 ? `0${day + 1}` : `${day + 1}`);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (day < daysInMonth(year, month)) return date.slice(0, 8) + `${day + 1}`;
  if (month < 12) return `${date.slice(0, 5)}${month < 9 ? `0${month + 1}` : `${month + 1}`}-01`;
  return `${year + 1}-01-01`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * One point per calendar day from `from` to `to`, carrying the last published rate over gaps. Days before the first
 * published rate are left out (nothing to carry), and so are days after the last published one.
 */
export function fillForward(published: readonly PublishedRate[], from: string, to: string): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  if (published.length === 0) return out;
  const last = published[published.length - 1]!.date;
  const end = to < last ? to : last;
  let i = 0;
  let current: PublishedRate | undefined;
  // Start from the last publication on or before `from`, so a range opening on a Sunday still gets Friday's rate.
  while (i < published.length && published[i]!.date <= from) current = published[i++];
  for (let day = from; day <= end; day = nextDay(day)) {
    while (i < published.length && published[i]!.date <= day) current = published[i++];
    if (!current) continue;
    out.push({
      date: day,
      rate: current.rate,
      publishedDate: current.date,
      filled: current.date !== day,
      source: current.source,
    });
  }
  return out;
}

export function invert(rate: string): string {
  return normalise(Dec.ONE.div(rate));
}

export function cross(leg1: string, leg2: string): string {
  return normalise(Dec.of(leg1).times(leg2));
}

/** Rates carry 12 significant digits at most after inversion/crossing: more than any source publishes. */
export function normalise(value: Dec): string {
  return value.roundSignificant(12).toFixed();
}

/** Days from `from` to `to`, both included (YYYY-MM-DD). */
export interface DateRange {
  from: string;
  to: string;
}
