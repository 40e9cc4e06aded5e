import { EntitySchema } from 'typeorm';

/** One cash wallet per currency. `balance` is a cache of the ledger sum, updated in the same transaction. */
export interface WalletRow {
  id: number;
  currency: string;
  balance: string;
  /** Cash held by unfilled buys; spendable is balance − reserved. */
  reserved: string;
  createdAt: string;
  updatedAt: string;
}

export const WalletEntity = new EntitySchema<WalletRow>({
  name: 'Wallet',
  tableName: 'wallets',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    currency: { type: 'text', unique: true },
    balance: { type: 'text' },
    reserved: { type: 'text' },
    createdAt: { name: 'created_at', type: 'text' },
    updatedAt: { name: 'updated_at', type: 'text' },
  },
});
