import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two fewer B-trees in the commit of every market order, one fewer in every deposit (docs/design.md#pages-per-commit).
 *
 * - An order's fills move into its row, as a JSON array `[{quantity, price, gross, fee, venue_order_id, created_at,
 *   activity_id}, …]` in `orders.fills`, oldest first, as its events did (profile-008): the row is written by the
 *   same statement that fills the order, so the `fills` table and `idx_fills_order` (two random-ish pages per order)
 *   go. A fill's id is its position in the array, from 1: the fills of an order were only ever read whole, with it.
 * - `idx_history_pending` (one page per hot-path insert) gives way to a watermark: `history_indexed.last_rowid` is
 *   the rowid up to which the history indexer has marked every row ready (main/ledger/indexer.ts), so the rows
 *   still pending are among those after it, read by rowid range. Rows are appended at the end (rowids only grow
 *   while rows exist; clearing the log clears the watermark too). Set here below the first pending row.
 */
export class FewerPages1763800000022 implements MigrationInterface {
  name = 'FewerPages1763800000022';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders ADD COLUMN fills TEXT NOT NULL DEFAULT '[]'`);
    await q.query(
      `UPDATE orders SET fills = (SELECT json_group_array(json_object('quantity', f.quantity, 'price', f.price, 'gross', f.gross, 'fee', f.fee,
         'venue_order_id', f.venue_order_id, 'created_at', f.created_at, 'activity_id', f.activity_id) ORDER BY f.id) FROM fills f WHERE f.order_id = orders.id)
       WHERE EXISTS (SELECT 1 FROM fills f WHERE f.order_id = orders.id)`,
    );
    await q.query(`DROP TABLE fills`);

    await q.query(`CREATE TABLE history_indexed (id INTEGER PRIMARY KEY, last_rowid INTEGER NOT NULL)`);
    await q.query(
      `INSERT INTO history_indexed (id, last_rowid) VALUES (1, COALESCE((SELECT min(rowid) - 1 FROM activities WHERE h_ready = 0), (SELECT max(rowid) FROM activities), 0))`,
    );
    await q.query(`DROP INDEX idx_history_pending`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX idx_history_pending ON activities (date) WHERE h_ready = 0`);
    await q.query(`DROP TABLE history_indexed`);
    await q.query(`CREATE TABLE fills (
      id INTEGER PRIMARY KEY,
      order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE RESTRICT,
      quantity TEXT NOT NULL,
      price TEXT NOT NULL,
      gross TEXT NOT NULL,
      fee TEXT NOT NULL,
      venue_order_id TEXT NOT NULL,
      created_at TEXT NOT NULL,
      activity_id TEXT,
      account_id TEXT NOT NULL DEFAULT 'main'
    )`);
    await q.query(`CREATE INDEX idx_fills_order ON fills (order_id)`);
    await q.query(
      `INSERT INTO fills (order_id, quantity, price, gross, fee, venue_order_id, created_at, activity_id, account_id)
       SELECT o.id, j.value ->> 'quantity', j.value ->> 'price', j.value ->> 'gross', j.value ->> 'fee', j.value ->> 'venue_order_id',
         j.value ->> 'created_at', j.value ->> 'activity_id', o.account_id
       FROM orders o, json_each(o.fills) j ORDER BY o.rowid, j.key`,
    );
    await q.query(`ALTER TABLE orders DROP COLUMN fills`);
  }
}
