import type { MigrationInterface, QueryRunner } from 'typeorm';
import { orChain } from './profile-007-check-lists.js';

/** The states an order can leave; `idx_orders_live` holds only these (the Order entity declares the same). */
export const LIVE_ORDER_STATES = ['pending', 'aggregating', 'open'] as const;
export const LIVE_ORDERS = orChain('state', LIVE_ORDER_STATES);

/**
 * Fewer B-trees written by each order and deposit: every B-tree a commit touches is at least one more page in the WAL
 * and in the fsync that makes the commit durable (docs/design.md#pages-per-commit).
 *
 * - `idempotency_keys` becomes a rowid table with a unique key: a WITHOUT ROWID table keyed by a client's random key
 *   keeps ~500-byte rows in random leaves, which split every few inserts (about three pages per request); appended
 *   rows plus a small key index take about two.
 * - `idx_orders_state` (every order) becomes `idx_orders_live` over the states an order can leave. The queries that
 *   need it ask for one such state, which SQLite matches against the OR chain; a market order, filled in the commit
 *   that creates it, never enters the index.
 * - A fill names the activity it booked (`fills.activity_id`), so an order's ledger entries are found through its
 *   fills and `idx_ledger_activity`, and `idx_ledger_order` goes. Fills made before are matched to their order's
 *   activities in the order both were written (one activity per fill).
 */
export class OrderPages1763800000014 implements MigrationInterface {
  name = 'OrderPages1763800000014';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE idempotency_keys_next (
      id INTEGER PRIMARY KEY,
      key TEXT NOT NULL UNIQUE,
      channel TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      response TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`);
    await q.query(
      `INSERT INTO idempotency_keys_next (key, channel, request_hash, response, created_at)
       SELECT key, channel, request_hash, response, created_at FROM idempotency_keys ORDER BY created_at, key`,
    );
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`ALTER TABLE idempotency_keys_next RENAME TO idempotency_keys`);

    await q.query(`DROP INDEX idx_orders_state`);
    await q.query(`CREATE INDEX idx_orders_live ON orders (state, symbol) WHERE ${LIVE_ORDERS}`);

    await q.query(`ALTER TABLE fills ADD COLUMN activity_id TEXT`);
    await q.query(
      `WITH f AS (SELECT id, order_id, ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY id) AS n FROM fills),
            a AS (SELECT id, order_id, ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY rowid) AS n FROM activities WHERE order_id IS NOT NULL)
       UPDATE fills SET activity_id = (SELECT a.id FROM f JOIN a ON a.order_id = f.order_id AND a.n = f.n WHERE f.id = fills.id)`,
    );
    await q.query(`DROP INDEX idx_ledger_order`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX idx_ledger_order ON ledger_entries (order_id) WHERE order_id IS NOT NULL`);
    await q.query(`ALTER TABLE fills DROP COLUMN activity_id`);
    await q.query(`DROP INDEX idx_orders_live`);
    await q.query(`CREATE INDEX idx_orders_state ON orders (state, symbol)`);
    await q.query(`CREATE TABLE idempotency_keys_prev (
      key TEXT PRIMARY KEY,
      channel TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      response TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) WITHOUT ROWID`);
    await q.query(`INSERT INTO idempotency_keys_prev SELECT key, channel, request_hash, response, created_at FROM idempotency_keys`);
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`ALTER TABLE idempotency_keys_prev RENAME TO idempotency_keys`);
  }
}
