import { EntitySchema } from 'typeorm';

/** Every balance change is one row here. Amounts are signed decimal strings in TEXT columns. */
export interface LedgerEntryRow {
  /** The account it belongs to (profile-011-accounts.ts). */
  accountId: string;
  id: number;
  walletId: number;
  kind: string;
  amount: string;
  balanceAfter: string;
  note: string | null;
  createdAt: string;
  orderId: string | null;
  activityId: string | null;
}

export const LedgerEntryEntity = new EntitySchema<LedgerEntryRow>({
  name: 'LedgerEntry',
  tableName: 'ledger_entries',
  columns: {
    // A rowid alias without AUTOINCREMENT: rows are never deleted, so SQLite hands out increasing ids without a
    // `sqlite_sequence` counter to rewrite on every insert. Nullable as written by its migration (no NOT NULL); it
    // never holds NULL: an insert without it gets the next id.
    id: { type: 'integer', primary: true, nullable: true },
    walletId: { name: 'wallet_id', type: 'integer', foreignKey: { target: 'Wallet', onDelete: 'RESTRICT' } },
    kind: { type: 'text' },
    amount: { type: 'text' },
    balanceAfter: { name: 'balance_after', type: 'text', default: '0' },
    note: { type: 'text', nullable: true },
    createdAt: { name: 'created_at', type: 'text' },
    orderId: { name: 'order_id', type: 'text', nullable: true, foreignKey: { target: 'Order' } },
    activityId: { name: 'activity_id', type: 'text', nullable: true, foreignKey: { target: 'Activity' } },
    // Added by profile-011 with a default and no REFERENCES (SQLite allows no other way to add it).
    accountId: { name: 'account_id', type: 'text', default: 'main' },
  },
  indices: [
    { name: 'idx_ledger_wallet_id', columns: ['walletId', 'id'] },
    { name: 'idx_ledger_activity', columns: ['activityId'] },
  ],
});
