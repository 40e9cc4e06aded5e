import { LOT_EVENT_ORDER, LOT_EVENT_TYPES, type LotEventRow } from '../ledger/lot-events.js';
import { statements } from '../store/statements.js';
import type { ReadDb } from '../store/writer.js';

/** The lots engine's reads of the profile database: the accounts' methods and the log's lot events. */
const COLUMNS = ['id', 'type', 'date', 'symbol', 'quantity', 'price', 'fee', 'currency', 'to_currency', 'account_id', 'transfer_with'] as const;
// NULL as STX (char 2) so that every row has all its fields; fields separated by US, rows by RS. One string for the
// whole read: better-sqlite3 builds an object and ten values per row otherwise, which cost several times the query.
const PACKED = COLUMNS.map((c) => `ifnull(${c}, char(2))`).join(', ');
const LOT_ROWS = `SELECT ${COLUMNS.join(', ')} FROM activities NOT INDEXED WHERE type IN (${LOT_EVENT_TYPES})`;

const SQL = {
  accounts: 'SELECT id, name, cost_method FROM accounts ORDER BY created_at, id',
  // A scan in rowid order reads each page once; through the date index every row is a lookup of its own.
  upTo: `SELECT group_concat(concat_ws(char(31), ${PACKED}), char(30)) FROM (${LOT_ROWS} AND date <= ? ORDER BY ${LOT_EVENT_ORDER})`,
  since: `SELECT group_concat(concat_ws(char(31), ${PACKED}), char(30)) FROM (SELECT * FROM activities WHERE rowid > ? AND type IN (${LOT_EVENT_TYPES}) ORDER BY ${LOT_EVENT_ORDER})`,
  head: 'SELECT rowid AS rowid, id FROM activities ORDER BY rowid DESC LIMIT 1',
  // Walks the date index from its end to the first lot event: a few rows, not the log.
  lastDate: `SELECT COALESCE((SELECT date FROM activities WHERE type IN (${LOT_EVENT_TYPES}) ORDER BY date DESC LIMIT 1), '')`,
  idAt: 'SELECT id FROM activities WHERE rowid = ?',
  // One instrument's events through idx_history_symbol (h_symbol is COALESCE(symbol, '')): a few hundred rows.
  ofSymbol: `SELECT group_concat(concat_ws(char(31), ${PACKED}), char(30)) FROM (SELECT * FROM activities INDEXED BY idx_history_symbol WHERE h_symbol = ? AND type IN (${LOT_EVENT_TYPES}) ORDER BY ${LOT_EVENT_ORDER})`,
};

export interface AccountRow {
  id: string;
  name: string;
  cost_method: string;
}

/** The last row written: rows appended since show up as a higher rowid; a cleared log as a lower one or another id. */
export interface LogHead {
  rowid: number;
  id: string | null;
}

const NULL = '\x02';
const orNull = (v: string | undefined): string | null => (v === undefined || v === NULL ? null : v);

/** The packed rows as LotEventRow; a row that does not split into its fields is a broken log, never user input. */
function unpack(text: string | null): LotEventRow[] {
  if (text === null) return [];
  const rows = text.split('\x1e');
  const out: LotEventRow[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const f = rows[i]!.split('\x1f');
    if (f.length !== COLUMNS.length) throw new Error('an activity row holds a field separator');
    out[i] = { id: f[0]!, type: f[1]!, date: f[2]!, symbol: orNull(f[3]), quantity: orNull(f[4]), price: orNull(f[5]), fee: orNull(f[6]), currency: f[7]!, to_currency: orNull(f[8]), account_id: f[9]!, transfer_with: orNull(f[10]) };
  }
  return out;
}

export const lotsRepo = {
  accounts: (db: ReadDb): AccountRow[] => statements(db, SQL).accounts.all() as AccountRow[],
  /** Lot events dated up to the end of `date`, in the order the engine replays them. */
  upTo: (db: ReadDb, date: string): LotEventRow[] => unpack(statements(db, SQL).upTo.pluck().get(date) as string | null),
  /** One instrument's lot events (by the symbol they were written with), in the order the engine replays them. */
  ofSymbol: (db: ReadDb, symbol: string): LotEventRow[] => unpack(statements(db, SQL).ofSymbol.pluck().get(symbol) as string | null),
  /** Lot events written after `rowid`, in the order the engine replays them. */
  since: (db: ReadDb, rowid: number): LotEventRow[] => unpack(statements(db, SQL).since.pluck().get(rowid) as string | null),
  head: (db: ReadDb): LogHead => (statements(db, SQL).head.get() as LogHead | undefined) ?? { rowid: 0, id: null },
  /** The date of the log's latest lot event ('' when none). */
  lastDate: (db: ReadDb): string => statements(db, SQL).lastDate.pluck().get() as string,
  idAt: (db: ReadDb, rowid: number): string | null => (statements(db, SQL).idAt.pluck().get(rowid) as string | undefined) ?? null,
};
