import type { ReadDb } from '../store/writer.js';
import type { HistoryFilter, HistorySort, HistorySortColumn } from '../../shared/contract/index.js';
import { INDEXED_THROUGH } from '../ledger/repo.js';
import { accountsOf, filterConditions } from './filter-sql.js';

/**
 * The history list's SQL (tables and indexes: main/store/migrations/profile-005-history.ts).
 *
 * Every sort is a key tuple `(column keys…, date, rowid)` matched by an index `(column keys…, date)` (the rowid is in
 * every index), all in one direction, so "the rows after this one" is a row value comparison SQLite answers with an
 * index seek. Pages at an arbitrary offset use anchors: the key of every 1000th row, found once per filter and sort
 * by hopping 1000 rows at a time through the index and kept until the database changes. A page then reads at most
 * ~1100 index entries whatever its offset, instead of OFFSET's walk from the start, which grows with the offset
 * even on a covering index.
 */
export const WINDOW = 1000;
/** Up to this many matching rows, SQLite's own plan (usually the filter's index plus a small sort) beats anchors. */
export const SMALL = 5000;

const KEYS: Record<HistorySortColumn, string[]> = {
  date: ['date'],
  type: ['type', 'date'],
  instrument: ['h_symbol', 'date'],
  currency: ['currency', 'date'],
  note: ['h_note', 'date'],
  amount: ['h_amount_whole', 'h_amount_frac', 'date'],
  quantity: ['h_quantity_whole', 'h_quantity_frac', 'date'],
  price: ['h_price_whole', 'h_price_frac', 'date'],
  fee: ['h_fee_whole', 'h_fee_frac', 'date'],
};

const SORT_INDEX: Record<Exclude<HistorySortColumn, 'date'>, string> = {
  type: 'idx_history_type',
  instrument: 'idx_history_symbol',
  currency: 'idx_history_currency',
  note: 'idx_history_note',
  amount: 'idx_history_amount',
  quantity: 'idx_history_quantity',
  price: 'idx_history_price',
  fee: 'idx_history_fee',
};

/** Indexes over every row; the other sort indexes leave out rows not yet marked ready (`h_ready = 0`). */
const COMPLETE_INDEXES = new Set(['idx_activities_date', 'idx_history_symbol']);

interface Arm {
  where: string[];
  args: unknown[];
  /** Positions in `where` of the date range bounds (-1: none), see select(). */
  from: number;
  to: number;
  /** INDEXED BY this index (large results only), so SQLite walks the sort order instead of sorting a million rows. */
  index: string | null;
}

export interface Plan {
  arms: Arm[];
  keys: string[];
  desc: boolean;
  /** Anchors are worth it (a large result). */
  large: boolean;
}

/** `%`, `_` and the escape itself are literal in a note search. */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function common(filter: HistoryFilter): { where: string[]; args: unknown[] } {
  const { where, args } = filterConditions(filter, 'h_symbol');
  if (filter.search?.trim()) {
    where.push(`note LIKE ? ESCAPE '\\'`);
    args.push(likePattern(filter.search.trim()));
  }
  return { where, args };
}

/** Which index walks the date order fastest under these filters (the most selective equality first). */
function dateIndex(filter: HistoryFilter, arm: 'currency' | 'to' | null): string {
  if (filter.symbol) return 'idx_history_symbol';
  if (arm === 'currency') return 'idx_history_currency';
  if (arm === 'to') return 'idx_history_to_currency';
  if (filter.types?.length === 1) return 'idx_history_type';
  return 'idx_activities_date';
}

export function plan(filter: HistoryFilter, sort: HistorySort, matching: number): Plan {
  const keys = KEYS[sort.column];
  const large = matching > SMALL;
  const base = common(filter);
  const armFor = (kind: 'currency' | 'to' | null, extra: string | null): Arm => {
    let index: string | null = null;
    if (large) {
      if (sort.column === 'date') index = dateIndex(filter, kind);
      else if (kind !== 'to') index = SORT_INDEX[sort.column];
    }
    return {
      where: extra ? [...base.where, extra] : [...base.where],
      args: extra ? [...base.args, filter.currency] : [...base.args],
      index,
      from: base.where.indexOf('date >= ?'),
      to: base.where.indexOf('date <= ?'),
    };
  };
  // The currency filter also finds the received side of an exchange: a second arm on its own index, merged in order.
  const arms = filter.currency ? [armFor('currency', 'currency = ?'), armFor('to', 'to_currency = ?')] : [armFor(null, null)];
  return { arms, keys, desc: sort.direction === 'desc', large };
}

/** A row's position in the sort: its key values, then its rowid. */
export type KeyTuple = unknown[];

function select(p: Plan, after: KeyTuple | null, extra = ''): { sql: string; args: unknown[] } {
  const cols = ['a.rowid AS rid', ...p.keys.map((k, i) => `a.${k} AS k${i}`)].join(', ') + (extra ? `, ${extra}` : '');
  const tuple = `(${[...p.keys, 'rowid'].join(', ')})`;
  const marks = `(${[...p.keys, 'rowid'].map(() => '?').join(', ')})`;
  const parts: string[] = [];
  const args: unknown[] = [];
  for (const arm of p.arms) {
    let where = [...arm.where];
    let armArgs = [...arm.args];
    // With a date-first key, the keyset row value is itself the range bound on the side the walk starts from; a
    // plain date bound there makes SQLite start at that bound instead and skip up to the keyset row by row (a hop
    // then costs O(position) instead of O(window)). The row value implies the bound, so it goes.
    const redundant = after && p.keys[0] === 'date' ? (p.desc ? arm.to : arm.from) : -1;
    if (redundant >= 0) {
      where = where.filter((_, i) => i !== redundant);
      armArgs = armArgs.filter((_, i) => i !== redundant);
    }
    if (after) {
      where.push(`${tuple} ${p.desc ? '<' : '>'} ${marks}`);
      armArgs.push(...after);
    }
    const part = (index: string | null, terms: string[], by = index ? ` INDEXED BY ${index}` : '') => `SELECT ${cols} FROM activities AS a${by}${terms.length ? ` WHERE ${terms.join(' AND ')}` : ''}`;
    if (arm.index && COMPLETE_INDEXES.has(arm.index)) {
      parts.push(part(arm.index, where));
      args.push(...armArgs);
    } else {
      // The sort indexes hold only ready rows (profile-006-history-pending.ts): those through their index, and the
      // few rows the indexer has not reached yet, all after its watermark (profile-022), by rowid range and no index
      // (any other index would walk every row of a filter's value), merged by the ORDER BY below.
      parts.push(part(arm.index, [...where, 'h_ready = 1']), part(null, [`a.rowid > ${INDEXED_THROUGH}`, ...where, 'h_ready = 0'], ' NOT INDEXED'));
      args.push(...armArgs, ...armArgs);
    }
  }
  const dir = p.desc ? 'DESC' : 'ASC';
  const order = [...p.keys.map((_, i) => `k${i} ${dir}`), `rid ${dir}`].join(', ');
  return { sql: `${parts.join(' UNION ALL ')} ORDER BY ${order}`, args };
}

type Row = { rid: number } & Record<string, unknown>;

function tupleOf(p: Plan, r: Row): KeyTuple {
  return [...p.keys.map((_, i) => r[`k${i}`]), r.rid];
}

interface AnchorSet {
  version: number;
  anchors: KeyTuple[];
  /** The last window was reached: there are no more anchors to find. */
  complete: boolean;
}

const anchorCache = new WeakMap<ReadDb, Map<string, AnchorSet>>();
const MAX_CACHED = 8;

/** Changes made through this connection so far; every writer of a profile shares the one connection. */
export function dataVersion(db: ReadDb): number {
  return (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

function anchorsFor(db: ReadDb, key: string, version: number): AnchorSet {
  let perDb = anchorCache.get(db);
  if (!perDb) anchorCache.set(db, (perDb = new Map()));
  let set = perDb.get(key);
  if (!set || set.version !== version) {
    set = { version, anchors: [], complete: false };
    perDb.delete(key);
    perDb.set(key, set);
    while (perDb.size > MAX_CACHED) perDb.delete(perDb.keys().next().value!);
  }
  return set;
}

/**
 * The rowids of `limit` rows from `offset` in the plan's order. `cacheKey` names the filter and sort (anchors are
 * kept per key until the next write).
 */
export function pageRowids(db: ReadDb, p: Plan, cacheKey: string, offset: number, limit: number): number[] {
  if (!p.large) {
    const q = select(p, null);
    return (db.prepare(`${q.sql} LIMIT ? OFFSET ?`).all(...q.args, limit, offset) as Row[]).map((r) => r.rid);
  }
  const set = anchorsFor(db, cacheKey, dataVersion(db));
  const windowIndex = Math.floor(offset / WINDOW);
  if (windowIndex > 0 && set.anchors.length < windowIndex && !set.complete) {
    // Hop from the last known anchor: each step reads one window of the index and keeps its last key.
    const hop = select(p, null);
    const hopAfter = (after: KeyTuple) => select(p, after);
    while (set.anchors.length < windowIndex) {
      const last = set.anchors.at(-1);
      const q = last ? hopAfter(last) : hop;
      const r = db.prepare(`${q.sql} LIMIT 1 OFFSET ${WINDOW - 1}`).get(...q.args) as Row | undefined;
      if (!r) {
        set.complete = true;
        break;
      }
      set.anchors.push(tupleOf(p, r));
    }
  }
  if (windowIndex > set.anchors.length) return [];
  const after = windowIndex === 0 ? null : set.anchors[windowIndex - 1]!;
  const q = select(p, after);
  const rows = db.prepare(`${q.sql} LIMIT ? OFFSET ?`).all(...q.args, limit, offset - windowIndex * WINDOW) as Row[];
  return rows.map((r) => r.rid);
}

/**
 * Every matching row in order, a page at a time, by keyset (no OFFSET at all): what an export streams. The caller
 * runs this inside one read transaction so the pages form one consistent snapshot.
 */
export function* keysetPages(db: ReadDb, p: Plan, pageSize: number): Generator<number[]> {
  let after: KeyTuple | null = null;
  for (;;) {
    const q = select(p, after);
    const rows = db.prepare(`${q.sql} LIMIT ?`).all(...q.args, pageSize) as Row[];
    if (rows.length === 0) return;
    yield rows.map((r) => r.rid);
    if (rows.length < pageSize) return;
    after = tupleOf(p, rows.at(-1)!);
  }
}

/**
 * Export pages: the rows themselves (`columns`, selected from `a`) in order, by keyset, one query per page, as
 * arrays (better-sqlite3's raw mode: no object per row). Each row is `[rid, k0…kn, …columns]`. `after` starts the
 * walk after that row's key, `limit` ends it after that many rows: one part of a split export (splitKeys).
 */
export function* keysetRows(
  db: ReadDb,
  p: Plan,
  pageSize: number,
  columns: string,
  range: { after?: KeyTuple | null; limit?: number | null } = {},
): Generator<unknown[][]> {
  let after: KeyTuple | null = range.after ?? null;
  let left = range.limit ?? Infinity;
  const width = p.keys.length + 1;
  while (left > 0) {
    const q = select(p, after, columns);
    const size = Math.min(pageSize, left);
    const rows = db.prepare(`${q.sql} LIMIT ?`).raw(true).all(...q.args, size) as unknown[][];
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < size) return;
    left -= rows.length;
    const last = rows.at(-1)!;
    after = [...last.slice(1, width), last[0]];
  }
}

/**
 * The keys of the rows at these 0-based positions (ascending) of the plan's order, hopping from one to the next
 * through the sort index (keys and rowid only, no table row is read): where the parts of a split export begin.
 * A position past the end has no key and ends the list early.
 */
export function splitKeys(db: ReadDb, p: Plan, positions: readonly number[]): KeyTuple[] {
  const keys: KeyTuple[] = [];
  let at = -1;
  for (const pos of positions) {
    const q = select(p, keys.at(-1) ?? null);
    const r = db.prepare(`${q.sql} LIMIT 1 OFFSET ?`).get(...q.args, pos - at - 1) as Row | undefined;
    if (!r) break;
    keys.push(tupleOf(p, r));
    at = pos;
  }
  return keys;
}

/**
 * Whether a note search, an account or the transfers filter is part of the filter: none is in `history_days` (its
 * sums are per day, currency, type and instrument), so totals and counts then scan activities instead.
 */
export function searches(filter: HistoryFilter): boolean {
  return Boolean(filter.search?.trim()) || accountsOf(filter).length > 0 || filter.transfers === true;
}

/** The number of matching rows, scanning activities (used with a note search). */
export function countByScan(db: ReadDb, filter: HistoryFilter): number {
  const p = plan(filter, { column: 'date', direction: 'desc' }, 0);
  let n = 0;
  for (const arm of p.arms) {
    const sql = `SELECT count(*) AS n FROM activities${arm.where.length ? ` WHERE ${arm.where.join(' AND ')}` : ''}`;
    n += (db.prepare(sql).get(...arm.args) as { n: number }).n;
  }
  return n;
}
