import type { ReadDb } from '../store/writer.js';

/** Every column of `orders`, in the order insertOrderRow binds them (orderValues). */
export const ORDER_COLUMNS = [
  'id', 'symbol', 'asset_class', 'side', 'type', 'quantity', 'amount', 'limit_price', 'currency', 'state', 'reserved', 'filled_quantity',
  'average_price', 'gross', 'fee', 'total', 'venue', 'book_id', 'value_usd', 'reason', 'created_at', 'updated_at', 'events', 'account_id', 'fills',
] as const satisfies readonly (keyof OrderRow)[];

/** A row's values in ORDER_COLUMNS order, spelled out (the order path writes one per order; test/unit checks the order). */
export function orderValues(r: OrderRow): unknown[] {
  return [
    r.id, r.symbol, r.asset_class, r.side, r.type, r.quantity, r.amount, r.limit_price, r.currency, r.state, r.reserved, r.filled_quantity,
    r.average_price, r.gross, r.fee, r.total, r.venue, r.book_id, r.value_usd, r.reason, r.created_at, r.updated_at, r.events, r.account_id, r.fills,
  ];
}

/** A fill as `orders.fills` holds it (migration 022): the same keys, in the same order, as FILL_OBJECT's json_object. */
const FILL_OBJECT = "json_object('quantity', ?, 'price', ?, 'gross', ?, 'fee', ?, 'venue_order_id', ?, 'created_at', ?, 'activity_id', ?)";

/** Prepared statements of the order tables (main/store/migrations/profile-004-trading.ts); the ledger writes the money. */
export const ORDER_SQL = {
  instrument: 'SELECT symbol, name, asset_class, quote_currency FROM instruments WHERE symbol = ?',
  /** The instrument an order is placed in, with its quote currency's catalogue row: one read in the placing transaction. */
  placing:
    'SELECT i.symbol, i.name, i.asset_class, i.quote_currency, c.name AS currency_name, c.minor_unit FROM instruments i ' +
    'LEFT JOIN currencies c ON c.code = i.quote_currency WHERE i.symbol = ?',
  /** A whole row in ORDER_COLUMNS order (positional: binding ~20 named parameters costs more than the insert's own work). */
  insertOrderRow: `INSERT INTO orders (${ORDER_COLUMNS.join(', ')}) VALUES (${ORDER_COLUMNS.map(() => '?').join(', ')})`,
  order: 'SELECT * FROM orders WHERE id = ?',
  /** A transition: the new state, and its event appended to the row's events (migration 008); see setState(). */
  setState:
    "UPDATE orders SET state = ?, reserved = ?, reason = ?, book_id = ?, updated_at = ?, events = json_insert(events, '$[#]', json_object('state', ?, 'note', ?, 'at', ?)) WHERE id = ?",
  /** The order filled: its figures, its event and its fill (FILL_OBJECT's values) appended, in one statement. */
  setFilled:
    "UPDATE orders SET state = 'filled', reserved = '0', filled_quantity = ?, average_price = ?, gross = ?, fee = ?, total = ?, updated_at = ?, events = json_insert(events, '$[#]', json_object('state', 'filled', 'note', ?, 'at', ?)), " +
    `fills = json_insert(fills, '$[#]', ${FILL_OBJECT}) WHERE id = ?`,
  /** An imported fill's order, as a filled market order of the 'import' venue, with its one fill (FILL_OBJECT's values). */
  insertImportedOrder:
    "INSERT INTO orders (id, symbol, asset_class, side, type, quantity, currency, state, reserved, filled_quantity, average_price, gross, fee, total, venue, created_at, updated_at, account_id, events, fills) " +
    "VALUES (?, ?, ?, ?, 'market', ?, ?, 'filled', '0', ?, ?, ?, ?, ?, 'import', ?, ?, ?, json_array(json_object('state', 'filled', 'note', 'Imported from a Bourse history file', 'at', ?)), " +
    `json_array(${FILL_OBJECT}))`,
  /** An order's fills, oldest first; a fill's id is its position in the order, from 1. */
  fills:
    "SELECT j.key + 1 AS id, j.value ->> 'quantity' AS quantity, j.value ->> 'price' AS price, j.value ->> 'gross' AS gross, j.value ->> 'fee' AS fee, " +
    "j.value ->> 'venue_order_id' AS venue_order_id, j.value ->> 'created_at' AS created_at FROM orders o, json_each(o.fills) j WHERE o.id = ? ORDER BY j.key",
  book: 'SELECT id, venue, symbol, side, opened_at FROM aggregation_books WHERE id = ?',
  books: 'SELECT id, venue, symbol, side, opened_at FROM aggregation_books ORDER BY opened_at',
  insertBook: 'INSERT INTO aggregation_books (id, venue, symbol, side, opened_at) VALUES (?, ?, ?, ?, ?)',
  deleteBook: 'DELETE FROM aggregation_books WHERE id = ?',
  bookMembers: "SELECT * FROM orders WHERE book_id = ? AND state = 'aggregating' ORDER BY rowid",
  openLimits: "SELECT * FROM orders WHERE state = 'open' AND symbol = ? ORDER BY rowid",
  openSymbols: "SELECT DISTINCT symbol FROM orders WHERE state = 'open'",
  pending: "SELECT * FROM orders WHERE state = 'pending' ORDER BY rowid",
  /** What a quote draws on (the ledger writes both). */
  wallet: 'SELECT balance, reserved FROM wallets WHERE account_id = ? AND currency = ?',
  position: 'SELECT quantity, reserved FROM positions WHERE account_id = ? AND symbol = ?',
};

/** An `orders` row as SQLite returns it. */
export interface OrderRow {
  id: string;
  symbol: string;
  asset_class: 'stock' | 'crypto';
  side: 'buy' | 'sell';
  type: 'market' | 'limit';
  quantity: string | null;
  amount: string | null;
  limit_price: string | null;
  currency: string;
  state: 'pending' | 'aggregating' | 'open' | 'filled' | 'cancelled' | 'rejected' | 'failed';
  reserved: string;
  filled_quantity: string;
  average_price: string | null;
  gross: string;
  fee: string;
  total: string;
  venue: string;
  book_id: string | null;
  value_usd: string | null;
  reason: string | null;
  created_at: string;
  updated_at: string;
  /** JSON `[{state, note, at}, …]`, oldest first (eventsJson; appended by setState/setFilled). */
  events: string;
  /** The account that pays and receives (profile-011-accounts.ts). */
  account_id: string;
  /** JSON `[{quantity, price, gross, fee, venue_order_id, created_at, activity_id}, …]`, oldest first (fillsJson; appended by setFilled). */
  fills: string;
}

export interface OrderEvent {
  state: OrderRow['state'];
  note: string | null;
  at: string;
}

/** An order's events as stored: the same keys, in the same order, as the SQL appends' json_object. */
export function eventsJson(events: readonly OrderEvent[]): string {
  return JSON.stringify(events.map((e) => ({ state: e.state, note: e.note, at: e.at })));
}

/** One fill as `orders.fills` keeps it. */
export interface FillEntry {
  quantity: string;
  price: string;
  gross: string;
  fee: string;
  venue_order_id: string;
  created_at: string;
  activity_id: string;
}

/** An order's fills as stored: the same keys, in the same order, as FILL_OBJECT's json_object. */
export function fillsJson(fills: readonly FillEntry[]): string {
  return JSON.stringify(
    fills.map((f) => ({ quantity: f.quantity, price: f.price, gross: f.gross, fee: f.fee, venue_order_id: f.venue_order_id, created_at: f.created_at, activity_id: f.activity_id })),
  );
}

export interface BookRow {
  id: string;
  venue: string;
  symbol: string;
  side: 'buy' | 'sell';
  opened_at: number;
}

/** Orders newest first, by state and symbol; `before` an order's id (the page before it). */
export function listOrders(db: ReadDb, q: { states?: readonly string[]; symbol?: string; limit?: number; before?: string }): OrderRow[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.states?.length) {
    where.push(`state IN (${q.states.map(() => '?').join(', ')})`);
    args.push(...q.states);
  }
  if (q.symbol) {
    where.push('symbol = ?');
    args.push(q.symbol);
  }
  if (q.before) {
    where.push('rowid < (SELECT rowid FROM orders WHERE id = ?)');
    args.push(q.before);
  }
  const sql = `SELECT * FROM orders ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY rowid DESC LIMIT ?`;
  return db.prepare(sql).all(...args, q.limit ?? 100) as OrderRow[];
}
