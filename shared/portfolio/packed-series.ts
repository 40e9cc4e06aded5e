import { MAX_EXACT, pow10, POW10_NUMBER } from '../decimal/index.js';
import { dayFromCivil } from './days.js';
import { seriesOf, type Series } from './price-table.js';

/**
 * A price series straight from the packed text the market database returns for one instrument (one string,
 * rows `date close US source` separated by RS, in date then source order; main/portfolio/load-prices.ts), without
 * a substring, a PricePoint or a regex per row: ~574,000 closes are read on a cold snapshot.
 *
 * Only the canonical case is handled here: every date YYYY-MM-DD in strictly increasing day order, every close a
 * plain positive decimal of at most 15 digits and at most `dp` fraction digits. Anything else returns null and the
 * caller takes the general path (split, PricePoint, buildSeries), which is the reference: for canonical input both
 * give the same series (the property tests compare them). Of several sources on one date the best ranked wins,
 * ties to the first source name, exactly as the general path chooses on rows in source order.
 */
export interface PackedCloses {
  series: Series;
  /** The last point's texts, for the mark when no live price is known. */
  last?: { date: string; close: string; source: string };
}

const RS = 30;
const US = 31;

export function parsePackedCloses(text: string, dp: number, rank: (source: string) => number): PackedCloses | null {
  const len = text.length;
  // Upper bound on rows: a row is at least 13 characters (date, one digit, US, one character of source).
  const cap = Math.ceil((len + 1) / 13);
  const days = new Int32Array(cap);
  const units = new Float64Array(cap);
  const digits = new Uint8Array(cap);
  const starts: number[] = []; // each point's row start, for its source and the last point's texts
  let n = 0;
  let lastDay = -Infinity;
  let lastKey = -1; // the last point's date as the number YYYYMMDD (equal keys: the same date text)
  let at = 0;
  while (at < len) {
    const rowStart = at;
    if (len - at < 13) return null;
    const key = dateKey(text, at);
    if (key < 0) return null;
    // Close: digits, at most one dot with digits after it, no leading zero unless "0", at most 15 digits.
    let i = at + 10;
    let acc = 0;
    let count = 0;
    let dot = -1;
    for (; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        acc = acc * 10 + (c - 48);
        count++;
      } else if (c === 46 && dot < 0) dot = i;
      else break;
    }
    if (i >= len || text.charCodeAt(i) !== US || count === 0 || count > 15) return null;
    const intLen = (dot < 0 ? i : dot) - (at + 10);
    if (intLen === 0 || (intLen > 1 && text.charCodeAt(at + 10) === 48) || dot === i - 1 || acc === 0) return null;
    const fd = dot < 0 ? 0 : i - dot - 1;
    if (fd > dp) return null;
    // Source: up to the next RS (or the end).
    let end = text.indexOf('\x1e', i + 1);
    if (end < 0) end = len;
    if (end === i + 1) return null;
    if (key === lastKey) {
      // A second source for the same date: keep the better ranked one.
      const source = sourceAt(text, rowStart);
      const kept = sourceAt(text, starts[n - 1]!);
      // Equal ranks go to the first source name, whatever order the rows came in.
      if (rank(source) < rank(kept) || (rank(source) === rank(kept) && source < kept)) {
        units[n - 1] = acc;
        digits[n - 1] = fd;
        starts[n - 1] = rowStart;
      }
    } else {
      const d = dayFromCivil(Math.floor(key / 10_000), Math.floor(key / 100) % 100, key % 100);
      if (d <= lastDay) return null;
      lastKey = key;
      days[n] = d;
      units[n] = acc;
      digits[n] = fd;
      starts.push(rowStart);
      n++;
      lastDay = d;
    }
    at = end + 1;
    if (end === len) break;
    if (text.charCodeAt(end) !== RS) return null;
  }
  const values: bigint[] = new Array(n);
  let maxDigits = 0;
  for (let k = 0; k < n; k++) {
    const shift = dp - digits[k]!;
    const scaled = shift <= 22 ? units[k]! * POW10_NUMBER[shift]! : Infinity;
    values[k] = scaled <= MAX_EXACT ? BigInt(scaled) : BigInt(units[k]!) * pow10(shift);
    if (digits[k]! > maxDigits) maxDigits = digits[k]!;
  }
  const series = seriesOf(days.slice(0, n), values, units.subarray(0, n), digits.subarray(0, n), n, dp, maxDigits);
  if (n === 0) return { series };
  const s = starts[n - 1]!;
  const us = text.indexOf('\x1f', s);
  return { series, last: { date: text.slice(s, s + 10), close: text.slice(s + 10, us), source: sourceAt(text, s) } };
}

/** The date text at `at` (YYYY-MM-DD, digits not checked against the calendar, like DATE_RE) as YYYYMMDD, or -1. */
function dateKey(t: string, at: number): number {
  let key = 0;
  for (let k = 0; k < 10; k++) {
    const c = t.charCodeAt(at + k);
    if (k === 4 || k === 7) {
      if (c !== 45) return -1;
    } else if (c < 48 || c > 57) return -1;
    else key = key * 10 + (c - 48);
  }
  return key;
}

function sourceAt(t: string, rowStart: number): string {
  const us = t.indexOf('\x1f', rowStart);
  const rs = t.indexOf('\x1e', us);
  return t.slice(us + 1, rs < 0 ? t.length : rs);
}
