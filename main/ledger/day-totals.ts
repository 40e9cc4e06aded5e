import type { WriteDb } from '../store/writer.js';
import { statements } from '../store/statements.js';
import { DAY_TOTALS_SQL } from './repo.js';

/**
 * Keeps `history_days` (main/store/migrations/profile-005-history.ts) in step with `activities`: call it in the
 * same transaction, right after inserting an activity. One upsert per leg; only a trade has a fee leg and only an
 * exchange a received one.
 */
export interface DayLegs {
  date: string;
  type: string;
  symbol?: string | null | undefined;
  currency: string;
  amount: string;
  fee?: string | null | undefined;
  toCurrency?: string | null | undefined;
  toAmount?: string | null | undefined;
}

/** `[whole, fraction × 10^8]` of a plain positive decimal (at most 8 fraction digits, as every cash amount is). */
export function split8(amount: string): [bigint, number] {
  const dot = amount.indexOf('.');
  if (dot < 0) return [BigInt(amount), 0];
  return [BigInt(amount.slice(0, dot)), Number(amount.slice(dot + 1, dot + 9).padEnd(8, '0'))];
}

/**
 * Sums held back during a bulk write (an import), written once per day and kind when it is flushed. The whole parts
 * add up in a double while that is exact (each is below 10^15, and the running sum is moved into a BigInt before it
 * passes 2^52), so a row costs no BigInt; fractions stay doubles (below 10^8 each), as the rows' `frac_e8` do.
 */
interface HeldSum {
  date: string;
  currency: string;
  type: string;
  symbol: string;
  leg: string;
  entries: number;
  whole: bigint;
  wholeN: number;
  frac: number;
}
const deferred = new WeakMap<WriteDb, Map<string, HeldSum>>();
const EXACT = 2 ** 52;

/** From now until `flushDayLegs`, legs of this connection are summed in memory (one upsert per key at the end). */
export function deferDayLegs(db: WriteDb): void {
  deferred.set(db, new Map());
}

/** Writes what was held back (inside the same transaction), and stops holding back. */
export function flushDayLegs(db: WriteDb): void {
  const held = deferred.get(db);
  deferred.delete(db);
  if (!held) return;
  const upsert = statements(db, DAY_TOTALS_SQL).upsertMany;
  for (const v of held.values()) upsert.run(v.date, v.currency, v.type, v.symbol, v.leg, v.entries, v.whole + BigInt(v.wholeN), v.frac);
}

/** Drops what was held back (the bulk write was rolled back). */
export function discardDayLegs(db: WriteDb): void {
  deferred.delete(db);
}

function hold(held: Map<string, HeldSum>, date: string, currency: string, type: string, symbol: string, leg: string, amount: string): void {
  const id = `${date}|${currency}|${type}|${symbol}|${leg}`;
  let v = held.get(id);
  if (!v) held.set(id, (v = { date, currency, type, symbol, leg, entries: 0, whole: 0n, wholeN: 0, frac: 0 }));
  const dot = amount.indexOf('.');
  v.entries += 1;
  v.wholeN += Number(dot < 0 ? amount : amount.slice(0, dot));
  if (v.wholeN >= EXACT) {
    v.whole += BigInt(v.wholeN);
    v.wholeN = 0;
  }
  if (dot >= 0) v.frac += Number(amount.slice(dot + 1, dot + 9).padEnd(8, '0'));
}

export function recordDayLegs(db: WriteDb, a: DayLegs): void {
  const symbol = a.symbol ?? '';
  const fee = a.fee ?? null;
  const toCurrency = a.toCurrency ?? null;
  const toAmount = toCurrency === null ? null : (a.toAmount ?? null);
  const held = deferred.get(db);
  if (held) {
    hold(held, a.date, a.currency, a.type, symbol, 'cash', a.amount);
    if (toAmount !== null) hold(held, a.date, toCurrency!, a.type, symbol, 'to', toAmount);
    if (fee !== null) hold(held, a.date, a.currency, a.type, symbol, 'fee', fee);
    return;
  }
  // One statement run per activity with its legs bound positionally (cash, to, fee): this is on the order and
  // deposit path, so nothing is built per call beyond the bound values.
  const sql = statements(db, DAY_TOTALS_SQL);
  const [whole, frac] = split8(a.amount);
  if (toAmount === null && fee === null) {
    sql.upsert.run(a.date, a.currency, a.type, symbol, 'cash', whole, frac);
  } else if (toAmount === null) {
    const [feeWhole, feeFrac] = split8(fee!);
    sql.upsert2.run(a.date, a.currency, a.type, symbol, 'cash', whole, frac, a.date, a.currency, a.type, symbol, 'fee', feeWhole, feeFrac);
  } else if (fee === null) {
    const [toWhole, toFrac] = split8(toAmount);
    sql.upsert2.run(a.date, a.currency, a.type, symbol, 'cash', whole, frac, a.date, toCurrency, a.type, symbol, 'to', toWhole, toFrac);
  } else {
    const [toWhole, toFrac] = split8(toAmount);
    const [feeWhole, feeFrac] = split8(fee);
    sql.upsert3.run(a.date, a.currency, a.type, symbol, 'cash', whole, frac, a.date, toCurrency, a.type, symbol, 'to', toWhole, toFrac, a.date, a.currency, a.type, symbol, 'fee', feeWhole, feeFrac);
  }
}
