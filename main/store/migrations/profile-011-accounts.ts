import type { MigrationInterface, QueryRunner } from 'typeorm';
import { connectionOf } from '../data-source.js';
import { orChain } from './profile-007-check-lists.js';

/** The account every profile has: where an existing profile's money moves, and where a request without one goes. */
export const DEFAULT_ACCOUNT_ID = 'main';

export const ACCOUNT_KINDS = ['brokerage', 'bank', 'crypto', 'paper', 'other'] as const;
export const ACCOUNT_COST_METHODS = ['fifo', 'lifo', 'hifo', 'average'] as const;

/** Activity types before this migration, and the ones it adds (corporate actions, securities transfers). */
const TYPES_BEFORE = ['buy', 'sell', 'deposit', 'withdrawal', 'dividend', 'interest', 'fee', 'fx-exchange'] as const;
export const ACTIVITY_TYPES_011 = [...TYPES_BEFORE, 'split', 'stock-dividend', 'symbol-change', 'transfer-in', 'transfer-out'] as const;

/** The tables that gain `account_id` by ALTER TABLE (a default, so no stored row is rewritten). */
const ADDED = ['ledger_entries', 'activities', 'orders', 'fills'] as const;

/**
 * Accounts (docs/design.md#accounts): a profile holds accounts; wallets are per (account, currency), positions per
 * (account, instrument), and every ledger entry, activity, order and fill belongs to one account.
 *
 * An existing profile moves into one account, "Main" (kind paper, FIFO), without a figure changing:
 * - `account_id TEXT NOT NULL DEFAULT 'main'` is added to ledger_entries, activities, orders and fills. SQLite keeps
 *   the default in the schema and reads it for rows written before, so no row of those (possibly million-row) tables
 *   is rewritten. No REFERENCES on them: SQLite refuses an added column with a foreign key and a non-NULL default;
 *   main/ledger/ and main/accounts/ only ever write ids of existing accounts.
 * - wallets (UNIQUE currency) and positions (PRIMARY KEY symbol) are rebuilt by SQLite's documented procedure (new
 *   table, copy, drop, rename) with the same ids, keyed by (account_id, currency) and (account_id, symbol). TypeORM
 *   turns foreign keys off around each migration; a foreign_key_check runs before the transaction commits.
 * - The activities type CHECK gains split, stock-dividend, symbol-change, transfer-in and transfer-out. Only the stored
 *   schema text changes (a list every stored row already satisfies), by the procedure of profile-007-check-lists.ts.
 */
export class Accounts1763800000011 implements MigrationInterface {
  name = 'Accounts1763800000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE accounts (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (${orChain('kind', ACCOUNT_KINDS)}),
      institution TEXT,
      cost_method TEXT NOT NULL DEFAULT 'fifo' CHECK (${orChain('cost_method', ACCOUNT_COST_METHODS)}),
      archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`);
    const now = new Date().toISOString();
    await q.query(`INSERT INTO accounts (id, name, kind, cost_method, archived, created_at, updated_at) VALUES (?, 'Main', 'paper', 'fifo', 0, ?, ?)`, [
      DEFAULT_ACCOUNT_ID,
      now,
      now,
    ]);
    for (const t of ADDED) await q.query(`ALTER TABLE ${t} ADD COLUMN account_id TEXT NOT NULL DEFAULT '${DEFAULT_ACCOUNT_ID}'`);

    await q.query(`CREATE TABLE wallets_011 (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      account_id TEXT NOT NULL DEFAULT '${DEFAULT_ACCOUNT_ID}' REFERENCES accounts(id) ON DELETE RESTRICT,
      currency TEXT NOT NULL,
      balance TEXT NOT NULL,
      reserved TEXT NOT NULL DEFAULT '0',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`);
    await q.query(`INSERT INTO wallets_011 (id, currency, balance, reserved, created_at, updated_at) SELECT id, currency, balance, reserved, created_at, updated_at FROM wallets ORDER BY id`);
    await q.query(`DROP TABLE wallets`);
    await q.query(`ALTER TABLE wallets_011 RENAME TO wallets`);
    await q.query(`CREATE UNIQUE INDEX idx_wallets_account_currency ON wallets (account_id, currency)`);

    await q.query(`CREATE TABLE positions_011 (
      account_id TEXT NOT NULL DEFAULT '${DEFAULT_ACCOUNT_ID}' REFERENCES accounts(id) ON DELETE RESTRICT,
      symbol TEXT NOT NULL,
      quantity TEXT NOT NULL,
      reserved TEXT NOT NULL DEFAULT '0',
      updated_at TEXT NOT NULL,
      PRIMARY KEY (account_id, symbol)
    ) WITHOUT ROWID`);
    await q.query(`INSERT INTO positions_011 (symbol, quantity, reserved, updated_at) SELECT symbol, quantity, reserved, updated_at FROM positions`);
    await q.query(`DROP TABLE positions`);
    await q.query(`ALTER TABLE positions_011 RENAME TO positions`);

    rewriteActivityTypes(q, orChain('type', TYPES_BEFORE), orChain('type', ACTIVITY_TYPES_011));
    const broken = (await q.query('PRAGMA foreign_key_check')) as unknown[];
    if (broken.length > 0) throw new Error(`accounts migration left ${broken.length} broken references`);
  }

  /**
   * Needs foreign keys off, as up() has them: TypeORM's undoLastMigration turns them off only after it has begun the
   * transaction, where SQLite ignores the pragma, so a caller turns them off on the connection first.
   */
  async down(q: QueryRunner): Promise<void> {
    if (connectionOf(q.connection).pragma('foreign_keys', { simple: true }) !== 0) throw new Error('undoing the accounts migration needs foreign_keys = OFF');
    const other = (await q.query(`SELECT COUNT(*) AS n FROM accounts WHERE id <> ?`, [DEFAULT_ACCOUNT_ID])) as { n: number }[];
    if (other[0]!.n > 0) throw new Error('a profile with more than one account cannot go back to one without accounts');
    rewriteActivityTypes(q, orChain('type', ACTIVITY_TYPES_011), orChain('type', TYPES_BEFORE));
    await q.query(`CREATE TABLE positions_010 (
      symbol TEXT PRIMARY KEY,
      quantity TEXT NOT NULL,
      reserved TEXT NOT NULL DEFAULT '0',
      updated_at TEXT NOT NULL
    ) WITHOUT ROWID`);
    await q.query(`INSERT INTO positions_010 SELECT symbol, quantity, reserved, updated_at FROM positions`);
    await q.query(`DROP TABLE positions`);
    await q.query(`ALTER TABLE positions_010 RENAME TO positions`);
    await q.query(`CREATE TABLE wallets_010 (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      currency TEXT NOT NULL UNIQUE,
      balance TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    , reserved TEXT NOT NULL DEFAULT '0')`);
    await q.query(`INSERT INTO wallets_010 (id, currency, balance, created_at, updated_at, reserved) SELECT id, currency, balance, created_at, updated_at, reserved FROM wallets ORDER BY id`);
    await q.query(`DROP TABLE wallets`);
    await q.query(`ALTER TABLE wallets_010 RENAME TO wallets`);
    for (const t of ADDED) await q.query(`ALTER TABLE ${t} DROP COLUMN account_id`);
    await q.query(`DROP TABLE accounts`);
  }
}

/** Replaces the activities type CHECK in the stored schema text (see profile-007-check-lists.ts for the procedure). */
function rewriteActivityTypes(q: QueryRunner, from: string, to: string): void {
  const db = connectionOf(q.connection);
  const row = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'activities'").get() as { sql: string } | undefined;
  if (!row || row.sql.split(from).length !== 2) throw new Error('activities: the type CHECK is not as expected');
  const version = db.pragma('schema_version', { simple: true }) as number;
  db.unsafeMode(true);
  try {
    db.pragma('writable_schema = ON');
    db.prepare("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'activities'").run(row.sql.replace(from, to));
    db.pragma(`schema_version = ${version + 1}`);
    db.pragma('writable_schema = OFF');
  } finally {
    db.unsafeMode(false);
  }
  const check = db.pragma('quick_check', { simple: true });
  if (check !== 'ok') throw new Error(`schema rewrite left the database inconsistent: ${String(check)}`);
}
