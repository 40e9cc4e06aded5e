import type { MigrationInterface, QueryRunner } from 'typeorm';
import { findCurrency } from '../../../shared/currencies.js';
import { Dec } from '../../../shared/decimal/index.js';

/**
 * Adds idempotency keys and a `balance_after` on every ledger entry (the history export needs it). Existing entries
 * get their running balance computed exactly (shared/decimal/): SQLite's SUM() over TEXT would go through binary floats,
 * written with the currency's minor unit ("0.30", not "0.3") like every entry the app writes (never rounded).
 * The key table is WITHOUT ROWID: the key is the table, so recording one touches one B-tree page instead of two.
 */
export class Idempotency1763800000002 implements MigrationInterface {
  name = 'Idempotency1763800000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE idempotency_keys (
      key TEXT PRIMARY KEY,
      channel TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      response TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) WITHOUT ROWID`);
    await q.query(`ALTER TABLE ledger_entries ADD COLUMN balance_after TEXT NOT NULL DEFAULT '0'`);
    const rows: { id: number; wallet_id: number; amount: string; currency: string }[] = await q.query(
      `SELECT e.id, e.wallet_id, e.amount, w.currency FROM ledger_entries e JOIN wallets w ON w.id = e.wallet_id
       ORDER BY e.wallet_id, e.id`,
    );
    const running = new Map<number, Dec>();
    for (const r of rows) {
      const next = (running.get(r.wallet_id) ?? Dec.ZERO).plus(r.amount);
      running.set(r.wallet_id, next);
      const digits = Math.max(findCurrency(r.currency)?.minorUnit ?? 0, next.decimalPlaces());
      await q.query(`UPDATE ledger_entries SET balance_after = ? WHERE id = ?`, [next.toFixed(digits), r.id]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`ALTER TABLE ledger_entries DROP COLUMN balance_after`);
  }
}
