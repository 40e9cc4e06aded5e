import { EntitySchema } from 'typeorm';

/** Every balance change is one row here (docs/design.md#ledger). Amounts are signed decimal strings in TEXT columns. */
export interface LedgerEntryRow {
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
    id: { type: 'integer', primary: true, generated: 'increment' },
    walletId: { name: 'wallet_id', type: 'integer' },
    kind: { type: 'text' },
    amount: { type: 'text' },
    balanceAfter: { name: 'balance_after', type: 'text' },
    note: { type: 'text', nullable: true },
    createdAt: { name: 'created_at', type: 'text' },
    orderId: { name: 'order_id', type: 'text', nullable: true },
    activityId: { name: 'activity_id', type: 'text', nullable: true },
  },
  indices: [{ name: 'idx_ledger_wallet_id', columns: ['walletId', 'id'] }],
});
