import { EntitySchema } from 'typeorm';

/** One execution of an order at the venue. */
export interface FillRow {
  /** The account it belongs to (profile-011-accounts.ts). */
  accountId: string;
  id: number;
  orderId: string;
  quantity: string;
  price: string;
  gross: string;
  fee: string;
  venueOrderId: string;
  createdAt: string;
  /** The activity this fill booked (null only for a fill whose activity could not be matched in migration 014). */
  activityId: string | null;
}

export const FillEntity = new EntitySchema<FillRow>({
  name: 'Fill',
  tableName: 'fills',
  columns: {
    // A rowid alias without AUTOINCREMENT and without NOT NULL, as ledger_entries.id.
    id: { type: 'integer', primary: true, nullable: true },
    orderId: { name: 'order_id', type: 'text', foreignKey: { target: 'Order', onDelete: 'RESTRICT' } },
    quantity: { type: 'text' },
    price: { type: 'text' },
    gross: { type: 'text' },
    fee: { type: 'text' },
    venueOrderId: { name: 'venue_order_id', type: 'text' },
    createdAt: { name: 'created_at', type: 'text' },
    activityId: { name: 'activity_id', type: 'text', nullable: true },
    // Added by profile-011 with a default and no REFERENCES (SQLite allows no other way to add it).
    accountId: { name: 'account_id', type: 'text', default: 'main' },
  },
  indices: [{ name: 'idx_fills_order', columns: ['orderId'] }],
});
