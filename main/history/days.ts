import type BetterSqlite3 from 'better-sqlite3';
import { statements } from '../store/statements.js';

/**
 * Keeps `history_days` (main/store/migrations/profile-005-history.ts) in step with `activities`: call it in the
 * same transaction, right after inserting an activity. One upsert per leg; only a trade has a fee leg and only an
 * exchange a received one.
 */
const UPSERT =
  'INSERT INTO history_days (date, currency, type, symbol, leg, entries, whole, frac_e8) VALUES (?, ?, ?, ?, ?, 1, ?, ?) ' +
  'ON CONFLICT (date, currency, type, symbol, leg) DO UPDATE SET entries = entries + 1, whole = whole + excluded.whole, frac_e8 = frac_e8 + excluded.frac_e8';
const SQL = { upsert: UPSERT };

export interface DayLegs {
  date: string;
  type: string;
  symbol: string | null;
  currency: string;
  amount: string;
  fee: string | null;
  toCurrency: string | null;
  toAmount: string | null;
}

/** `[whole, fraction × 10^8]` of a plain positive decimal (at most 8 fraction digits, as every cash amount is). */
export function split8(amount: string): [bigint, number] {
  const dot = amount.indexOf('.');
  if (dot < 0) return [BigInt(amount), 0];
  return [BigInt(amount.slice(0, dot)), Number(amount.slice(dot + 1, dot + 9).padEnd(8, '0'))];
}

export function recordDayLegs(db: BetterSqlite3.Database, a: DayLegs): void {
  const { upsert } = statements(db, SQL);
  const symbol = a.symbol ?? '';
  const add = (currency: string, leg: string, amount: string) => {
    const [whole, frac] = split8(amount);
    upsert.run(a.date, currency, a.type, symbol, leg, whole, frac);
  };
  add(a.currency, 'cash', a.amount);
  if (a.toAmount !== null && a.toCurrency !== null) add(a.toCurrency, 'to', a.toAmount);
  if (a.fee !== null) add(a.currency, 'fee', a.fee);
}
