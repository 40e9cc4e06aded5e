import { statements } from '../store/statements.js';
import type { ReadDb, WriteDb } from '../store/writer.js';

/** A stored `accounts` row (main/store/migrations/profile-011-accounts.ts). */
export interface AccountRow {
  id: string;
  name: string;
  kind: string;
  institution: string | null;
  cost_method: string;
  archived: number;
}

const COLUMNS = 'id, name, kind, institution, cost_method, archived';
const SQL = {
  all: `SELECT ${COLUMNS} FROM accounts ORDER BY archived, created_at, name`,
  one: `SELECT ${COLUMNS} FROM accounts WHERE id = ?`,
  sameName: 'SELECT id FROM accounts WHERE name = ? COLLATE NOCASE AND archived = 0 AND id <> ?',
  insert: 'INSERT INTO accounts (id, name, kind, institution, cost_method, archived, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)',
  update: 'UPDATE accounts SET name = ?, institution = ?, cost_method = ?, updated_at = ? WHERE id = ?',
  archive: 'UPDATE accounts SET archived = 1, updated_at = ? WHERE id = ?',
  wallets: 'SELECT account_id, currency, balance, reserved FROM wallets ORDER BY account_id, currency',
  positions: "SELECT account_id, symbol, quantity, reserved FROM positions WHERE quantity GLOB '*[1-9]*' OR reserved GLOB '*[1-9]*' ORDER BY account_id, symbol",
  // Money still held: a non-zero balance or reservation, or units held.
  holds:
    "SELECT EXISTS (SELECT 1 FROM wallets WHERE account_id = ? AND (balance GLOB '*[1-9]*' OR reserved GLOB '*[1-9]*')) " +
    "OR EXISTS (SELECT 1 FROM positions WHERE account_id = ? AND (quantity GLOB '*[1-9]*' OR reserved GLOB '*[1-9]*')) AS holds",
};

/** The accounts table: its only reader and writer (money in accounts is written by main/ledger/). */
export const accountRepo = {
  all: (db: ReadDb): AccountRow[] => statements(db, SQL).all.all() as AccountRow[],
  one: (db: ReadDb, id: string): AccountRow | undefined => statements(db, SQL).one.get(id) as AccountRow | undefined,
  nameTaken: (db: ReadDb, name: string, exceptId = ''): boolean => statements(db, SQL).sameName.get(name, exceptId) !== undefined,
  holdsMoney: (db: ReadDb, id: string): boolean => (statements(db, SQL).holds.get(id, id) as { holds: number }).holds === 1,
  insert(db: WriteDb, a: { id: string; name: string; kind: string; institution: string | null; costMethod: string }, at: string): void {
    statements(db, SQL).insert.run(a.id, a.name, a.kind, a.institution, a.costMethod, at, at);
  },
  update(db: WriteDb, a: { id: string; name: string; institution: string | null; costMethod: string }, at: string): void {
    statements(db, SQL).update.run(a.name, a.institution, a.costMethod, at, a.id);
  },
  archive: (db: WriteDb, id: string, at: string): void => void statements(db, SQL).archive.run(at, id),
  wallets: (db: ReadDb) => statements(db, SQL).wallets.all() as { account_id: string; currency: string; balance: string; reserved: string }[],
  positions: (db: ReadDb) => statements(db, SQL).positions.all() as { account_id: string; symbol: string; quantity: string; reserved: string }[],
};
