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

/** Sums held back during a bulk write (an import), written once per day and kind when it is flushed. */
const deferred = new WeakMap<BetterSqlite3.Database, Map<string, { key: string[]; entries: number; whole: bigint; frac: number }>>();

/** From now until `flushDayLegs`, legs of this connection are summed in memory (one upsert per key at the end). */
export function deferDayLegs(db: BetterSqlite3.Database): void {
  deferred.set(db, new Map());
}

/** Writes what was held back (inside the same transaction), and stops holding back. */
export function flushDayLegs(db: BetterSqlite3.Database): void {
  const held = deferred.get(db);
  deferred.delete(db);
  if (!held) return;
  const upsert = db.prepare(UPSERT.replace('VALUES (?, ?, ?, ?, ?, 1, ?, ?)', 'VALUES (?, ?, ?, ?, ?, ?, ?, ?)').replace('entries = entries + 1', 'entries = entries + excluded.entries'));
  for (const v of held.values()) upsert.run(...v.key, v.entries, v.whole, v.frac);
}

/** Drops what was held back (the bulk write was rolled back). */
export function discardDayLegs(db: BetterSqlite3.Database): void {
  deferred.delete(db);
}

export function recordDayLegs(db: BetterSqlite3.Database, a: DayLegs): void {
  const { upsert } = statements(db, SQL);
  const held = deferred.get(db);
  const symbol = a.symbol ?? '';
  const add = (currency: string, leg: string, amount: string) => {
    const [whole, frac] = split8(amount);
    if (held) {
      const id = `${a.date}|${currency}|${a.type}|${symbol}|${leg}`;
      const v = held.get(id);
      if (v) {
        v.entries += 1;
        v.whole += whole;
        v.frac += frac;
      } else held.set(id, { key: [a.date, currency, a.type, symbol, leg], entries: 1, whole, frac });
      return;
    }
    upsert.run(a.date, currency, a.type, symbol, leg, whole, frac);
  };
  add(a.currency, 'cash', a.amount);
  if (a.toAmount !== null && a.toCurrency !== null) add(a.toCurrency, 'to', a.toAmount);
  if (a.fee !== null) add(a.currency, 'fee', a.fee);
}
