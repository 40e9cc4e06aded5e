import type { MigrationInterface, QueryRunner } from 'typeorm';

/** First profile schema: wallets and their ledger. Money is TEXT (decimal strings), never REAL/NUMERIC. */
export class Ledger1763800000001 implements MigrationInterface {
  name = 'Ledger1763800000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE wallets (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      currency TEXT NOT NULL UNIQUE,
      balance TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`);
    await q.query(`CREATE TABLE ledger_entries (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      wallet_id INTEGER NOT NULL REFERENCES wallets(id) ON DELETE RESTRICT,
      kind TEXT NOT NULL,
      amount TEXT NOT NULL,
      note TEXT,
      created_at TEXT NOT NULL
    )`);
    await q.query(`CREATE INDEX idx_ledger_wallet_id ON ledger_entries (wallet_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger_entries`);
    await q.query(`DROP TABLE wallets`);
  }
}
