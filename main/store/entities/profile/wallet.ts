import { EntitySchema } from 'typeorm';

/** One cash wallet per (account, currency). `balance` is a cache of the ledger sum, updated in the same transaction. */
export interface WalletRow {
  id: number;
  accountId: string;
  currency: string;
  balance: string;
  /** Cash held by unfilled buys; spendable is balance − reserved. A reservation is not a ledger movement. */
  reserved: string;
  createdAt: string;
  updatedAt: string;
}

export const WalletEntity = new EntitySchema<WalletRow>({
  name: 'Wallet',
  tableName: 'wallets',
  columns: {
    // Nullable as written by its migration (no NOT NULL); as a rowid alias it never holds NULL: an insert without
    // it gets the next id.
    id: { type: 'integer', primary: true, nullable: true, generated: 'increment' },
    accountId: { name: 'account_id', type: 'text', default: 'main', foreignKey: { target: 'Account', onDelete: 'RESTRICT' } },
    currency: { type: 'text' },
    balance: { type: 'text' },
    reserved: { type: 'text', default: '0' },
    createdAt: { name: 'created_at', type: 'text' },
    updatedAt: { name: 'updated_at', type: 'text' },
  },
  indices: [{ name: 'idx_wallets_account_currency', columns: ['accountId', 'currency'], unique: true }],
});
