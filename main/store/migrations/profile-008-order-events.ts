import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An order's events (pending → aggregating/open → filled/cancelled/…) move from their own table into the order's
 * row, as a JSON array `[{state, note, at}, …]` in `orders.events`.
 *
 * Why: every market order wrote two event rows, one statement and two more pages (the table and its index on a
 * random order id) in its commit (bench/orders.ts), for a list that is only ever read whole, with its order
 * (orders:get). Every state change already rewrites the order row, so the event now rides along: a new order is
 * inserted with its events, and a transition appends one with `json_insert(events, '$[#]', …)` in the same UPDATE.
 * The events of orders placed before keep their order (aggregated by event id).
 */
export class OrderEvents1763800000008 implements MigrationInterface {
  name = 'OrderEvents1763800000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders ADD COLUMN events TEXT NOT NULL DEFAULT '[]'`);
    await q.query(
      `UPDATE orders SET events = (SELECT json_group_array(json_object('state', e.state, 'note', e.note, 'at', e.at) ORDER BY e.id) FROM order_events e WHERE e.order_id = orders.id)
       WHERE EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = orders.id)`,
    );
    await q.query(`DROP TABLE order_events`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE order_events (
      id INTEGER PRIMARY KEY,
      order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
      state TEXT NOT NULL,
      note TEXT,
      at TEXT NOT NULL
    )`);
    await q.query(`CREATE INDEX idx_order_events_order ON order_events (order_id, id)`);
    await q.query(
      `INSERT INTO order_events (order_id, state, note, at)
       SELECT o.id, json_extract(j.value, '$.state'), json_extract(j.value, '$.note'), json_extract(j.value, '$.at')
       FROM orders o, json_each(o.events) j ORDER BY o.rowid, j.key`,
    );
    await q.query(`ALTER TABLE orders DROP COLUMN events`);
  }
}
