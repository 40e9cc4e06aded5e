import type BetterSqlite3 from 'better-sqlite3';
import type { Activity } from '../../shared/portfolio/activity.js';
import { statements } from '../store/statements.js';

/**
 * Reads the profile's activity log (profile-004-trading.ts) as shared/portfolio/activity.ts records. A full read
 * keeps the log's own order, by date with ties by rowid (insertion order), which is the order computeSnapshot
 * expects, so it is never re-sorted. New rows are read by rowid, the order in which they were written.
 */
export interface ActivityRow {
  rowid: number;
  id: string;
  type: Activity['type'];
  date: string;
  symbol: string | null;
  quantity: string | null;
  price: string | null;
  fee: string | null;
  currency: string;
  amount: string;
  to_currency: string | null;
  to_amount: string | null;
}

const COLUMNS = 'rowid, id, type, date, symbol, quantity, price, fee, currency, amount, to_currency, to_amount';
const SQL = {
  all: `SELECT ${COLUMNS} FROM activities ORDER BY date, rowid`,
  since: `SELECT ${COLUMNS} FROM activities WHERE rowid > ? ORDER BY rowid`,
  last: 'SELECT COALESCE(MAX(rowid), 0) AS last FROM activities',
};

/**
 * A row as an Activity. For a buy or sell the cash is quantity × price (at the currency's minor unit) ± fee, as the
 * activity model computes it; the stored `amount` is that same total (the orders service writes both).
 */
export function toActivity(r: ActivityRow): Activity {
  switch (r.type) {
    case 'buy':
    case 'sell':
      return { id: r.id, date: r.date, type: r.type, symbol: r.symbol ?? '', quantity: r.quantity ?? '', price: r.price ?? '', fee: r.fee ?? '0', currency: r.currency };
    case 'fx-exchange':
      return { id: r.id, date: r.date, type: 'fx-exchange', fromCurrency: r.currency, fromAmount: r.amount, toCurrency: r.to_currency ?? '', toAmount: r.to_amount ?? '' };
    case 'dividend':
      return r.symbol ? { id: r.id, date: r.date, type: 'dividend', currency: r.currency, amount: r.amount, symbol: r.symbol } : { id: r.id, date: r.date, type: 'dividend', currency: r.currency, amount: r.amount };
    default:
      return { id: r.id, date: r.date, type: r.type, currency: r.currency, amount: r.amount };
  }
}

/** The highest rowid (O(1)): rows appended since a read show up as a higher one. */
export function lastRowid(db: BetterSqlite3.Database): number {
  return (statements(db, SQL).last.get() as { last: number }).last;
}

export function allActivities(db: BetterSqlite3.Database): { activities: Activity[]; last: number } {
  const rows = statements(db, SQL).all.all() as ActivityRow[];
  const activities: Activity[] = new Array(rows.length);
  let last = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    activities[i] = toActivity(r);
    if (r.rowid > last) last = r.rowid;
  }
  return { activities, last };
}

/** Rows written after `rowid`, in the order they were written, and the last rowid read. */
export function activitiesSince(db: BetterSqlite3.Database, rowid: number): { activities: Activity[]; last: number } {
  const rows = statements(db, SQL).since.all(rowid) as ActivityRow[];
  return { activities: rows.map(toActivity), last: rows.length ? rows[rows.length - 1]!.rowid : rowid };
}
