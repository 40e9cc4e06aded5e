/** Every column of `orders`, in the order insertOrderRow binds them (orderValues). */
const ORDER_COLUMNS = [
  'id', 'symbol', 'asset_class', 'side', 'type', 'quantity', 'amount', 'limit_price', 'currency', 'state', 'reserved', 'filled_quantity',
  'average_price', 'gross', 'fee', 'total', 'venue', 'book_id', 'value_usd', 'reason', 'created_at', 'updated_at', 'events',
] as const satisfies readonly (keyof OrderRow)[];

export function orderValues(r: OrderRow): unknown[] {
  return ORDER_COLUMNS.map((c) => r[c]);
}

/** Prepared statements of the trading tables (main/store/migrations/profile-004-trading.ts). */
export const ORDER_SQL = {
  instrument: 'SELECT symbol, name, asset_class, quote_currency FROM instruments WHERE symbol = ?',
  wallet: 'SELECT id, balance, reserved FROM wallets WHERE currency = ?',
  setWallet: 'UPDATE wallets SET balance = ?, reserved = ?, updated_at = ? WHERE id = ?',
  position: 'SELECT symbol, quantity, reserved FROM positions WHERE symbol = ?',
  upsertPosition:
    'INSERT INTO positions (symbol, quantity, reserved, updated_at) VALUES (?, ?, ?, ?) ' +
    'ON CONFLICT(symbol) DO UPDATE SET quantity = excluded.quantity, reserved = excluded.reserved, updated_at = excluded.updated_at',
  /** A whole row in ORDER_COLUMNS order (positional: binding ~20 named parameters costs more than the insert's own work). */
  insertOrderRow: `INSERT INTO orders (${ORDER_COLUMNS.join(', ')}) VALUES (${ORDER_COLUMNS.map(() => '?').join(', ')})`,
  order: 'SELECT * FROM orders WHERE id = ?',
  /** A transition: the new state, and its event appended to the row's events (migration 008); see setState(). */
  setState:
    "UPDATE orders SET state = ?, reserved = ?, reason = ?, book_id = ?, updated_at = ?, events = json_insert(events, '$[#]', json_object('state', ?, 'note', ?, 'at', ?)) WHERE id = ?",
  setFilled:
    "UPDATE orders SET state = 'filled', reserved = '0', filled_quantity = ?, average_price = ?, gross = ?, fee = ?, total = ?, updated_at = ?, events = json_insert(events, '$[#]', json_object('state', 'filled', 'note', ?, 'at', ?)) WHERE id = ?",
  insertFill: 'INSERT INTO fills (order_id, quantity, price, gross, fee, venue_order_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  fills: 'SELECT id, quantity, price, gross, fee, venue_order_id, created_at FROM fills WHERE order_id = ? ORDER BY id',
  ledgerOf:
    'SELECT e.id, w.currency, e.kind, e.amount, e.balance_after, e.note, e.created_at, e.order_id FROM ledger_entries e JOIN wallets w ON w.id = e.wallet_id WHERE e.order_id = ? ORDER BY e.id',
  insertEntry:
    'INSERT INTO ledger_entries (wallet_id, kind, amount, balance_after, note, created_at, order_id, activity_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  // Positional, like insertOrderRow (accounts.ts insertActivity binds in this order).
  insertActivity:
    'INSERT INTO activities (id, type, date, symbol, quantity, price, fee, currency, amount, to_currency, to_amount, order_id, source, note, created_at, h_ready) ' +
    'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  book: 'SELECT id, venue, symbol, side, opened_at FROM aggregation_books WHERE id = ?',
  books: 'SELECT id, venue, symbol, side, opened_at FROM aggregation_books ORDER BY opened_at',
  insertBook: 'INSERT INTO aggregation_books (id, venue, symbol, side, opened_at) VALUES (?, ?, ?, ?, ?)',
  deleteBook: 'DELETE FROM aggregation_books WHERE id = ?',
  bookMembers: "SELECT * FROM orders WHERE book_id = ? AND state = 'aggregating' ORDER BY rowid",
  openLimits: "SELECT * FROM orders WHERE state = 'open' AND symbol = ? ORDER BY rowid",
  openSymbols: "SELECT DISTINCT symbol FROM orders WHERE state = 'open'",
  pending: "SELECT * FROM orders WHERE state = 'pending' ORDER BY rowid",
  recentCount: 'SELECT COUNT(*) AS n FROM orders WHERE created_at > ?',
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

export interface WalletRow {
  id: number;
  balance: string;
  reserved: string;
}

export interface PositionRow {
  symbol: string;
  quantity: string;
  reserved: string;
}

export interface BookRow {
  id: string;
  venue: string;
  symbol: string;
  side: 'buy' | 'sell';
  opened_at: number;
}
