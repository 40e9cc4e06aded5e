import type { LedgerEntry } from '../../shared/contract/index.js';
import { statements } from '../store/statements.js';
import type { ReadDb } from '../store/writer.js';

/** A wallet as the wallet screen reads it. */
export interface WalletListRow {
  id: number;
  accountId: string;
  currency: string;
  balance: string;
  reserved: string;
  name: string | null;
  minorUnit: number | null;
}

/** A ledger entry with its wallet's currency. */
export interface EntryRow {
  id: number;
  currency: string;
  kind: string;
  amount: string;
  balance_after: string;
  note: string | null;
  created_at: string;
  order_id: string | null;
}

const ENTRY_COLUMNS = 'e.id, w.currency, e.kind, e.amount, e.balance_after, e.note, e.created_at, e.order_id';
const WALLET_COLUMNS = 'w.id, w.account_id AS accountId, w.currency, w.balance, w.reserved, c.name, c.minor_unit AS minorUnit';
const SQL = {
  all: `SELECT ${WALLET_COLUMNS} FROM wallets w LEFT JOIN currencies c ON c.code = w.currency ORDER BY w.currency, w.id`,
  ofAccount: `SELECT ${WALLET_COLUMNS} FROM wallets w LEFT JOIN currencies c ON c.code = w.currency WHERE w.account_id = ? ORDER BY w.currency`,
  one: `SELECT ${WALLET_COLUMNS} FROM wallets w LEFT JOIN currencies c ON c.code = w.currency WHERE w.account_id = ? AND w.currency = ?`,
  latest: `SELECT ${ENTRY_COLUMNS} FROM ledger_entries e JOIN wallets w ON w.id = e.wallet_id WHERE e.wallet_id = ? ORDER BY e.id DESC LIMIT ?`,
  before: `SELECT ${ENTRY_COLUMNS} FROM ledger_entries e JOIN wallets w ON w.id = e.wallet_id WHERE e.wallet_id = ? AND e.id < ? ORDER BY e.id DESC LIMIT ?`,
  /** Through the order's fills (`orders.fills`, profile-022) to the entries of the activities they booked (idx_ledger_activity). */
  ofOrder: `SELECT ${ENTRY_COLUMNS} FROM orders o, json_each(o.fills) f JOIN ledger_entries e ON e.activity_id = f.value ->> 'activity_id' JOIN wallets w ON w.id = e.wallet_id WHERE o.id = ? ORDER BY e.id`,
};

/** Reads of wallets and their ledger entries (the ledger writes them). */
export const walletRepo = {
  /** Every account's wallets, or one account's. */
  all: (db: ReadDb, accountId?: string): WalletListRow[] =>
    (accountId === undefined ? statements(db, SQL).all.all() : statements(db, SQL).ofAccount.all(accountId)) as WalletListRow[],
  one: (db: ReadDb, accountId: string, currency: string): WalletListRow | undefined => statements(db, SQL).one.get(accountId, currency) as WalletListRow | undefined,
  /** Newest first; `beforeId` pages back. */
  entries(db: ReadDb, walletId: number, limit: number, beforeId?: number): EntryRow[] {
    const sql = statements(db, SQL);
    return (beforeId ? sql.before.all(walletId, beforeId, limit) : sql.latest.all(walletId, limit)) as EntryRow[];
  },
  /** The entries an order's fills wrote, oldest first. */
  ofOrder: (db: ReadDb, orderId: string): EntryRow[] => statements(db, SQL).ofOrder.all(orderId) as EntryRow[],
};

export function toEntry(r: EntryRow): LedgerEntry {
  return {
    id: r.id,
    currency: r.currency,
    kind: r.kind as LedgerEntry['kind'],
    amount: r.amount,
    balanceAfter: r.balance_after,
    note: r.note,
    createdAt: r.created_at,
    orderId: r.order_id ?? null,
  };
}
