import type { ReadDb } from '../store/writer.js';
import { isOutflow } from '../activities/view.js';
import type { HistoryFilter, HistorySummary } from '../../shared/contract/index.js';
import { formatFixed, parseUnitsRounded, pow10 } from '../../shared/decimal/index.js';
import { fractionSql, OUTFLOW_TYPES_SQL, wholeSql } from '../store/migrations/profile-005-history.js';
import { filterConditions } from './filter-sql.js';
import { likePattern, searches } from './query.js';
import { AMOUNT_SCALE, RATE_SCALE, type RateBook } from './rates.js';
import { isCarried } from '../market/fx-resolve.js';
import { stayedSql } from './moved-legs.js';

/**
 * One day's exact sum of one kind of cash leg: `whole + frac_e8 / 10^8` units of `currency`. `moved`: the cash legs
 * of transfers that stayed in the accounts shown (moved-legs.ts), kept apart from `cash` so that they count as
 * entries and as neither money in nor out.
 */
export interface LegSum {
  date: string;
  currency: string;
  type: string;
  leg: 'cash' | 'to' | 'fee' | 'moved';
  entries: number;
  whole: number | bigint;
  frac_e8: number | bigint;
}

/**
 * Per-day sums from `history_days` (kept by the ledger): a few thousand rows for a million entries. A note search,
 * an account or the transfers filter is not in that table, so with one the same sums are taken over the matching
 * activities themselves. `history_days` does not know the transfer marker either: the legs of transfers (few, read
 * through their partial index) are taken out of its cash sums and given as `moved`.
 */
export function legSums(db: ReadDb, filter: HistoryFilter): LegSum[] {
  if (searches(filter)) return legSumsByScan(db, filter);
  const { where, args } = filterConditions(filter, 'symbol');
  if (filter.currency) {
    where.push('currency = ?');
    args.push(filter.currency);
  }
  const sql = `SELECT date, currency, type, leg, SUM(entries) AS entries, SUM(whole) AS whole, SUM(frac_e8) AS frac_e8 FROM history_days
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY date, currency, type, leg HAVING SUM(entries) != 0`;
  const sums = db.prepare(sql).safeIntegers(true).all(...args).map(numbers);
  return apart(sums, movedSums(db, filter));
}

/** The cash legs of every marked row the filter keeps (no accounts in it: every such leg stayed). */
function movedSums(db: ReadDb, filter: HistoryFilter): LegSum[] {
  const { where, args } = filterConditions(filter, 'h_symbol');
  if (filter.currency) {
    where.push('currency = ?');
    args.push(filter.currency);
  }
  const stayed = stayedSql(filter, 'a');
  const sql = `SELECT date, currency, type, 'moved' AS leg, count(*) AS entries, SUM(${wholeSql('amount')}) AS whole, SUM(${fractionSql('amount', 8)}) AS frac_e8
    FROM activities a INDEXED BY idx_activities_transfer WHERE ${[stayed.sql, ...where].join(' AND ')} GROUP BY 1, 2, 3`;
  return db
    .prepare(sql)
    .safeIntegers(true)
    .all(...stayed.args, ...args)
    .map(numbers);
}

/** `sums` with each moved leg taken out of the cash sum of its day, currency and type, and added as its own. */
function apart(sums: LegSum[], moved: LegSum[]): LegSum[] {
  if (moved.length === 0) return sums;
  const cash = new Map<string, LegSum>();
  for (const s of sums) if (s.leg === 'cash') cash.set(`${s.date}|${s.currency}|${s.type}`, s);
  for (const m of moved) {
    const c = cash.get(`${m.date}|${m.currency}|${m.type}`);
    // history_days holds every activity's cash leg; a marked row without one is a broken table, not data.
    if (!c || c.entries < m.entries) throw new Error(`history_days has no cash sum for the transfer legs of ${m.date} ${m.currency} ${m.type}`);
    c.entries -= m.entries;
    c.whole = BigInt(c.whole) - BigInt(m.whole);
    c.frac_e8 = BigInt(c.frac_e8) - BigInt(m.frac_e8);
  }
  return [...sums.filter((s) => s.entries !== 0), ...moved];
}

function legSumsByScan(db: ReadDb, filter: HistoryFilter): LegSum[] {
  const { where, args } = filterConditions(filter, 'h_symbol');
  if (filter.search?.trim()) {
    where.push(`note LIKE ? ESCAPE '\\'`);
    args.push(likePattern(filter.search.trim()));
  }
  const own = filter.currency ? [...where, 'currency = ?'] : where;
  const ownArgs = filter.currency ? [...args, filter.currency] : args;
  const to = filter.currency ? [...where, 'to_currency = ?'] : where;
  const toArgs = filter.currency ? [...args, filter.currency] : args;
  const stayed = stayedSql(filter, 'a');
  const leg = (name: string, currency: string, col: string, conds: string[]) =>
    `SELECT date, ${currency} AS currency, type, ${name} AS leg, count(*) AS entries, SUM(${wholeSql(col)}) AS whole, SUM(${fractionSql(col, 8)}) AS frac_e8
     FROM activities a WHERE ${[...conds, `${col} IS NOT NULL`].join(' AND ')} GROUP BY 1, 2, 3, 4`;
  const sql = [
    leg(`CASE WHEN ${stayed.sql} THEN 'moved' ELSE 'cash' END`, 'currency', 'amount', own),
    leg("'fee'", 'currency', 'fee', own),
    leg("'to'", 'to_currency', 'to_amount', [...to, 'to_currency IS NOT NULL']),
  ].join(' UNION ALL ');
  return db
    .prepare(sql)
    .safeIntegers(true)
    .all(...stayed.args, ...ownArgs, ...ownArgs, ...toArgs)
    .map(numbers);
}

function numbers(r: unknown): LegSum {
  const row = r as LegSum & { entries: bigint };
  return { ...row, entries: Number(row.entries) };
}

/** What an export needs before it streams: how many entries match, their date range and their currencies. */
export interface Span {
  entries: number;
  first: string | null;
  last: string | null;
  currencies: string[];
}

/**
 * The span of the filtered history, as countOf and the dates and currencies of legSums would give it, from one
 * aggregate over `history_days` (no row per day and currency crosses into JS, so it is short enough to run inside
 * the writer's turn that starts an export). A note search is not in that table: the
 * sums over the matching activities then.
 */
export function spanOf(db: ReadDb, filter: HistoryFilter): Span {
  if (searches(filter)) {
    const sums = legSums(db, filter);
    let first: string | null = null;
    let last: string | null = null;
    for (const s of sums) {
      if (first === null || s.date < first) first = s.date;
      if (last === null || s.date > last) last = s.date;
    }
    return { entries: countOf(sums, filter), first, last, currencies: [...new Set(sums.map((s) => s.currency))] };
  }
  const { where, args } = filterConditions(filter, 'symbol');
  if (filter.currency) {
    where.push('currency = ?');
    args.push(filter.currency);
  }
  // `entries` never goes below zero (history/days.ts only adds), so a group's sum is non-zero exactly when one of its
  // rows is: legSums's HAVING, row by row.
  where.push('entries != 0');
  const counted = filter.currency ? "leg IN ('cash', 'to')" : "leg = 'cash'";
  const rows = db
    .prepare(`SELECT currency, SUM(CASE WHEN ${counted} THEN entries ELSE 0 END) AS n, MIN(date) AS lo, MAX(date) AS hi FROM history_days WHERE ${where.join(' AND ')} GROUP BY currency`)
    .all(...args) as { currency: string; n: number; lo: string; hi: string }[];
  let entries = 0;
  let first: string | null = null;
  let last: string | null = null;
  for (const r of rows) {
    entries += r.n;
    if (first === null || r.lo < first) first = r.lo;
    if (last === null || r.hi > last) last = r.hi;
  }
  return { entries, first, last, currencies: rows.map((r) => r.currency) };
}

/**
 * Counts of matching entries: each has one cash leg (a leg of a transfer that stayed: `moved`); with a currency
 * filter, exchanges received in it count too.
 */
export function countOf(sums: readonly LegSum[], filter: HistoryFilter): number {
  let n = 0;
  for (const s of sums) if (s.leg === 'cash' || s.leg === 'moved' || (filter.currency && s.leg === 'to')) n += s.entries;
  return n;
}

/**
 * In, out, fees and net of the filtered range in the base currency, each day's sums at that day's rate. Exact until
 * the very end: sums are integers at 10^-8, rates at 10^-18, products kept at 10^-26; each figure is rounded once,
 * half-even at the base currency's minor unit (so a total is the exact converted sum, not a sum of rounded rows).
 */
export function totals(sums: readonly LegSum[], filter: HistoryFilter, rates: RateBook, baseDigits: number): HistorySummary {
  rates.loadFor(sums);
  const scale = AMOUNT_SCALE + RATE_SCALE;
  let inflow = 0n;
  let outflow = 0n;
  let fees = 0n;
  let first: string | null = null;
  let last: string | null = null;
  let unconvertedEntries = 0;
  const unconverted = new Set<string>();
  const carried = new Map<string, { currency: string; rateDate: string; entries: number }>();
  let transfers = 0;
  const counted = (s: LegSum) => s.leg === 'cash' || (filter.currency !== undefined && s.leg === 'to');
  for (const s of sums) {
    if (first === null || s.date < first) first = s.date;
    if (last === null || s.date > last) last = s.date;
    // Money that stayed in the accounts shown (moved-legs.ts): no rate needed, in neither In nor Out.
    if (s.leg === 'moved') {
      transfers += s.entries;
      continue;
    }
    const rated = rates.rated(s.currency, s.date);
    const r = rated === null ? undefined : parseUnitsRounded(rated.rate, RATE_SCALE);
    if (rated === null || r === undefined) {
      if (counted(s)) unconvertedEntries += s.entries;
      unconverted.add(s.currency);
      continue;
    }
    if (counted(s) && isCarried(rated.published, s.date)) {
      const key = `${s.currency} ${rated.published}`;
      const c = carried.get(key) ?? { currency: s.currency, rateDate: rated.published, entries: 0 };
      c.entries += s.entries;
      carried.set(key, c);
    }
    const value = (BigInt(s.whole) * pow10(AMOUNT_SCALE) + BigInt(s.frac_e8)) * r;
    if (s.leg === 'fee') fees += value;
    else if (s.leg === 'to') inflow += value;
    else if (isOutflow(s.type)) {
      outflow += value;
      if (s.type === 'fee') fees += value;
    } else inflow += value;
  }
  return {
    entries: countOf(sums, filter),
    baseCurrency: rates.base,
    in: formatFixed(inflow, scale, baseDigits),
    out: formatFixed(outflow, scale, baseDigits),
    fees: formatFixed(fees, scale, baseDigits),
    net: formatFixed(inflow - outflow, scale, baseDigits),
    transfers,
    unconverted: { entries: unconvertedEntries, currencies: [...unconverted].sort() },
    carried: [...carried.values()].sort((a, b) => (a.rateDate < b.rateDate ? -1 : a.rateDate > b.rateDate ? 1 : a.currency < b.currency ? -1 : 1)),
    firstDate: first,
    lastDate: last,
  };
}

export { OUTFLOW_TYPES_SQL };
