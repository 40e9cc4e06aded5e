import type { ReadDb } from '../store/writer.js';
import type { Activity } from '../../shared/portfolio/activity.js';
import type { ActivityRow as StoredActivity } from '../ledger/rows.js';
import { statements } from '../store/statements.js';
import { Dec } from '../../shared/decimal/index.js';
import { ACTIVITY_FIELDS, ACTIVITY_SQL } from './repo.js';
import { lotRowsOf } from '../ledger/lot-events.js';
import type { LogHead } from '../lots/repo.js';

/**
 * Reads the profile's activity log (profile-004-trading.ts) as shared/portfolio/activity.ts records. A full read
 * keeps the log's own order, by date with ties by rowid (insertion order), which is the order computeSnapshot
 * expects, so it is never re-sorted. New rows are read by rowid, the order in which they were written.
 */
export type ActivityRow = Pick<StoredActivity, 'id' | 'date' | 'symbol' | 'quantity' | 'price' | 'fee' | 'currency' | 'amount' | 'to_currency' | 'to_amount' | 'type'> & {
  rowid: number;
  /** On a leg of a transfer between accounts, the other leg's id (main/ledger/transfer-legs.ts). */
  transfer_with: string | null;
  account_id: string;
};

/** A symbol change as read, settled by settleCorporate before the engine sees the log. */
interface SymbolChange {
  type: 'symbol-change';
  id: string;
  date: string;
  symbol: string;
  newSymbol: string;
}

type Read = Activity | SymbolChange;


/**
 * A row as an Activity. For a buy or sell the cash is quantity × price (at the currency's minor unit) ± fee, as the
 * activity model computes it; the stored `amount` is that same total (the orders service writes both).
 */
export function toActivity(r: ActivityRow): Read {
  switch (r.type) {
    // Corporate actions as stored (main/ledger/lot-events.ts); a stock dividend of n per d held is an (n + d)-for-d split.
    case 'split':
      return { id: r.id, date: r.date, type: 'split', symbol: r.symbol ?? '', numerator: r.quantity ?? '', denominator: r.price ?? '' };
    case 'stock-dividend': {
      const n = Dec.tryOf(r.quantity ?? '');
      return { id: r.id, date: r.date, type: 'split', symbol: r.symbol ?? '', numerator: n ? n.plus(r.price ?? '0').toFixed() : '', denominator: r.price ?? '' };
    }
    case 'symbol-change':
      return { id: r.id, date: r.date, type: 'symbol-change', symbol: r.symbol ?? '', newSymbol: r.to_currency ?? '' };
    case 'buy':
    case 'sell':
      return { id: r.id, date: r.date, type: r.type, symbol: r.symbol ?? '', quantity: r.quantity ?? '', price: r.price ?? '', fee: r.fee ?? '0', currency: r.currency };
    case 'fx-exchange':
      return { id: r.id, date: r.date, type: 'fx-exchange', fromCurrency: r.currency, fromAmount: r.amount, toCurrency: r.to_currency ?? '', toAmount: r.to_amount ?? '' };
    case 'dividend':
      return r.symbol ? { id: r.id, date: r.date, type: 'dividend', currency: r.currency, amount: r.amount, symbol: r.symbol } : { id: r.id, date: r.date, type: 'dividend', currency: r.currency, amount: r.amount };
    case 'deposit':
    case 'withdrawal':
    case 'interest':
    case 'fee':
      return { id: r.id, date: r.date, type: r.type, currency: r.currency, amount: r.amount };
    case 'transfer-out':
    case 'transfer-in':
      // Every reader leaves these out first (BETWEEN_ACCOUNTS): reaching here is a bug, not data.
      throw new Error(`a ${r.type} row has no all-accounts activity`);
  }
}

const isCorporate = (a: Read) => a.type === 'split' || a.type === 'symbol-change';

/**
 * The log as the engine replays it, given rows in the ledger's order (date, then rowid). A corporate action is
 * effective at the start of its day, so it moves before the other activities of its date (docs/design.md#corporate-
 * actions). A symbol change renames every earlier activity of the old symbol: the holding is one instrument under
 * its new symbol from its first trade (closes stored under the old symbol are not read for it).
 */
export function settleCorporate(read: Read[]): Activity[] {
  if (!read.some(isCorporate)) return read as Activity[];
  const out: Read[] = [];
  let dayStart = 0;
  for (const a of read) {
    if (out.length > 0 && out[out.length - 1]!.date.slice(0, 10) !== a.date.slice(0, 10)) dayStart = out.length;
    if (!isCorporate(a)) {
      out.push(a);
      continue;
    }
    // After the corporate actions already placed at the start of this day.
    let at = dayStart;
    while (at < out.length && isCorporate(out[at]!)) at++;
    out.splice(at, 0, a);
  }
  const renamed: Activity[] = [];
  for (const a of out) {
    if (a.type !== 'symbol-change') {
      renamed.push(a);
      continue;
    }
    for (let i = 0; i < renamed.length; i++) {
      const b = renamed[i]!;
      if ('symbol' in b && b.symbol === a.symbol) renamed[i] = { ...b, symbol: a.newSymbol };
    }
  }
  return renamed;
}

/**
 * Units moved between two accounts (account:transfer): nothing changes for the profile as a whole (no cash, the same
 * units with the same cost), so the all-accounts replay leaves these rows out.
 */
const BETWEEN_ACCOUNTS = new Set<string>(['transfer-out', 'transfer-in']);

/**
 * The rows as the all-accounts replay reads them, in the order given. A move between two accounts is no flow in or
 * out of the profile: units moved are left out (BETWEEN_ACCOUNTS), and cash moved (a withdrawal and the deposit its
 * marker names, written one after the other) is one FX exchange at the rate actually paid, or nothing in one currency.
 * Legs that are not next to each other are read as they are (their cash is right; only the flows would show).
 */
function readRows(rows: readonly ActivityRow[]): Read[] {
  const out: Read[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (BETWEEN_ACCOUNTS.has(r.type)) continue;
    const to = r.transfer_with !== null && r.type === 'withdrawal' ? rows[i + 1] : undefined;
    if (to && to.type === 'deposit' && to.id === r.transfer_with && to.transfer_with === r.id) {
      if (to.currency !== r.currency) out.push({ id: r.id, date: r.date, type: 'fx-exchange', fromCurrency: r.currency, fromAmount: r.amount, toCurrency: to.currency, toAmount: to.amount });
      i++;
      continue;
    }
    out.push(toActivity(r));
  }
  return out;
}

/** The highest rowid (O(1)): rows appended since a read show up as a higher one. */
export function lastRowid(db: ReadDb): number {
  return (statements(db, ACTIVITY_SQL).last.get() as { last: number }).last;
}

export function allActivities(db: ReadDb): { activities: Activity[]; last: number } {
  const { rows, head } = logRows(db);
  return { activities: settleCorporate(readRows(rows)), last: head.rowid };
}

/**
 * The whole log read once for both replays: the engine's activities (as allActivities) and the lots engine's rows
 * in its order with the log's head (main/lots/ LotsService.warm), all of one read.
 */
export function readLog(db: ReadDb): { activities: Activity[]; last: number; lots: { rows: ActivityRow[]; head: LogHead } } {
  const { rows, head } = logRows(db);
  return { activities: settleCorporate(readRows(rows)), last: head.rowid, lots: { rows: lotRowsOf(rows), head } };
}

/** Every row in the log's order (date, then rowid), and the last row written. */
function logRows(db: ReadDb): { rows: ActivityRow[]; head: LogHead } {
  const packed = fromPacked(statements(db, ACTIVITY_SQL).packed.pluck().get() as string | null);
  const rows = packed ?? (statements(db, ACTIVITY_SQL).all.all() as ActivityRow[]);
  const head: LogHead = { rowid: 0, id: null };
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.rowid > head.rowid) {
      head.rowid = r.rowid;
      head.id = r.id;
    }
  }
  return { rows, head };
}

// A stored value that is exactly STX would read as NULL: no id, type, date, code or decimal is.
const NULL = '\x02';
const orNull = (v: string) => (v === NULL ? null : v);

/**
 * The packed log as rows; null when some row does not split into exactly its ACTIVITY_FIELDS fields (a separator
 * inside a value, which no id, date, code or decimal has; then the row objects are read instead).
 */
function fromPacked(text: string | null): ActivityRow[] | null {
  if (text === null) return [];
  const rows = text.split('\x1e');
  const read: ActivityRow[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const f = rows[i]!.split('\x1f');
    if (f.length !== ACTIVITY_FIELDS) return null;
    read[i] = {
      rowid: Number(f[0]),
      id: f[1]!,
      type: f[2] as ActivityRow['type'],
      date: f[3]!,
      symbol: orNull(f[4]!),
      quantity: orNull(f[5]!),
      price: orNull(f[6]!),
      fee: orNull(f[7]!),
      currency: f[8]!,
      amount: f[9]!,
      to_currency: orNull(f[10]!),
      to_amount: orNull(f[11]!),
      transfer_with: orNull(f[12]!),
      account_id: f[13]!,
    };
  }
  return read;
}

/**
 * Rows written after `rowid`, in the order they were written, and the last rowid read. `corporate`: one of them is
 * a corporate action, which changes the log before it (its day's order, a symbol's name): read the whole log again.
 */
export function activitiesSince(db: ReadDb, rowid: number): { activities: Activity[]; last: number; corporate: boolean } {
  const rows = statements(db, ACTIVITY_SQL).since.all(rowid) as ActivityRow[];
  const read = readRows(rows);
  const corporate = read.some(isCorporate);
  return { activities: corporate ? [] : (read as Activity[]), last: rows.length ? rows[rows.length - 1]!.rowid : rowid, corporate };
}
