import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trading and the portfolio (docs/design.md#orders): orders with their state history and fills, the persisted
 * aggregation books, positions (units held and units reserved by open sells), cash reserved by open buys, and the
 * activity log the portfolio is computed from. Every figure is TEXT (decimal strings), never REAL/NUMERIC.
 *
 * - `wallets.reserved` is cash held by unfilled buys: a withdrawal or another buy can use only balance − reserved.
 *   The balance itself still equals the sum of the wallet's ledger entries; a reservation is not a movement.
 * - `activities` is what the portfolio replays: every fill, every wallet deposit/withdrawal and every recorded
 *   outside activity. Existing wallet entries are copied in, so a profile from before this migration keeps its
 *   history and its cash flows for the time-weighted return.
 * - Rows are ordered by SQLite's rowid (insertion order); ids are UUIDs so an exported record keeps its identity.
 */
export class Trading1763800000004 implements MigrationInterface {
  name = 'Trading1763800000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE wallets ADD COLUMN reserved TEXT NOT NULL DEFAULT '0'`);
    await q.query(`CREATE TABLE orders (
      id TEXT PRIMARY KEY,
      symbol TEXT NOT NULL,
      asset_class TEXT NOT NULL CHECK (asset_class IN ('stock', 'crypto')),
      side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
      type TEXT NOT NULL CHECK (type IN ('market', 'limit')),
      quantity TEXT,
      amount TEXT,
      limit_price TEXT,
      currency TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'aggregating', 'open', 'filled', 'cancelled', 'rejected', 'failed')),
      reserved TEXT NOT NULL DEFAULT '0',
      filled_quantity TEXT NOT NULL DEFAULT '0',
      average_price TEXT,
      gross TEXT NOT NULL DEFAULT '0',
      fee TEXT NOT NULL DEFAULT '0',
      total TEXT NOT NULL DEFAULT '0',
      venue TEXT NOT NULL,
      book_id TEXT,
      value_usd TEXT,
      reason TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`);
    await q.query(`CREATE INDEX idx_orders_state ON orders (state, symbol)`);
    await q.query(`CREATE INDEX idx_orders_book ON orders (book_id) WHERE book_id IS NOT NULL`);
    await q.query(`CREATE TABLE order_events (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
      state TEXT NOT NULL,
      note TEXT,
      at TEXT NOT NULL
    )`);
    await q.query(`CREATE INDEX idx_order_events_order ON order_events (order_id, id)`);
    await q.query(`CREATE TABLE fills (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE RESTRICT,
      quantity TEXT NOT NULL,
      price TEXT NOT NULL,
      gross TEXT NOT NULL,
      fee TEXT NOT NULL,
      venue_order_id TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`);
    await q.query(`CREATE INDEX idx_fills_order ON fills (order_id)`);
    await q.query(`CREATE TABLE aggregation_books (
      id TEXT PRIMARY KEY,
      venue TEXT NOT NULL,
      symbol TEXT NOT NULL,
      side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
      opened_at INTEGER NOT NULL
    ) WITHOUT ROWID`);
    await q.query(`CREATE TABLE positions (
      symbol TEXT PRIMARY KEY,
      quantity TEXT NOT NULL,
      reserved TEXT NOT NULL DEFAULT '0',
      updated_at TEXT NOT NULL
    ) WITHOUT ROWID`);
    await q.query(`CREATE TABLE activities (
      id TEXT PRIMARY KEY,
      type TEXT NOT NULL CHECK (type IN ('buy', 'sell', 'deposit', 'withdrawal', 'dividend', 'interest', 'fee', 'fx-exchange')),
      date TEXT NOT NULL,
      symbol TEXT,
      quantity TEXT,
      price TEXT,
      fee TEXT,
      currency TEXT NOT NULL,
      amount TEXT NOT NULL,
      to_currency TEXT,
      to_amount TEXT,
      order_id TEXT REFERENCES orders(id) ON DELETE RESTRICT,
      source TEXT NOT NULL CHECK (source IN ('order', 'wallet', 'manual')),
      note TEXT,
      created_at TEXT NOT NULL
    )`);
    await q.query(`CREATE INDEX idx_activities_date ON activities (date)`);
    await q.query(`CREATE INDEX idx_activities_symbol ON activities (symbol, date) WHERE symbol IS NOT NULL`);
    await q.query(`ALTER TABLE ledger_entries ADD COLUMN order_id TEXT REFERENCES orders(id)`);
    await q.query(`ALTER TABLE ledger_entries ADD COLUMN activity_id TEXT REFERENCES activities(id)`);
    await q.query(`CREATE INDEX idx_ledger_order ON ledger_entries (order_id) WHERE order_id IS NOT NULL`);
    // Wallet entries so far become activities (amounts stay positive there; the type says the direction).
    const entries: { id: number; kind: string; amount: string; currency: string; note: string | null; created_at: string }[] = await q.query(
      `SELECT e.id, e.kind, e.amount, w.currency, e.note, e.created_at FROM ledger_entries e JOIN wallets w ON w.id = e.wallet_id ORDER BY e.id`,
    );
    for (const e of entries) {
      const id = `wallet-${e.id}`;
      const amount = e.amount.startsWith('-') ? e.amount.slice(1) : e.amount;
      await q.query(
        `INSERT INTO activities (id, type, date, currency, amount, source, note, created_at) VALUES (?, ?, ?, ?, ?, 'wallet', ?, ?)`,
        [id, e.kind === 'withdrawal' ? 'withdrawal' : 'deposit', e.created_at.slice(0, 10), e.currency, amount, e.note, e.created_at],
      );
      await q.query(`UPDATE ledger_entries SET activity_id = ? WHERE id = ?`, [id, e.id]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_ledger_order`);
    await q.query(`ALTER TABLE ledger_entries DROP COLUMN activity_id`);
    await q.query(`ALTER TABLE ledger_entries DROP COLUMN order_id`);
    for (const t of ['activities', 'positions', 'aggregation_books', 'fills', 'order_events', 'orders']) await q.query(`DROP TABLE ${t}`);
    await q.query(`ALTER TABLE wallets DROP COLUMN reserved`);
  }
}
