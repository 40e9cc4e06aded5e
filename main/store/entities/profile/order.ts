import { EntitySchema } from 'typeorm';
import { orChain } from '../../migrations/profile-007-check-lists.js';
import { LIVE_ORDERS } from '../../migrations/profile-014-order-pages.js';

const ORDER_STATES = ['pending', 'aggregating', 'open', 'filled', 'cancelled', 'rejected', 'failed'] as const;

/** An order with its state, what it reserved and what filled. Every figure is a decimal string. */
export interface OrderRow {
  /** The account it belongs to (profile-011-accounts.ts). */
  accountId: string;
  /** A UUID, so an exported record keeps its identity. */
  id: string;
  symbol: string;
  assetClass: 'stock' | 'crypto';
  side: 'buy' | 'sell';
  type: 'market' | 'limit';
  quantity: string | null;
  amount: string | null;
  limitPrice: string | null;
  currency: string;
  state: (typeof ORDER_STATES)[number];
  /** Cash (a buy) or units (a sell) held while the order is open. */
  reserved: string;
  filledQuantity: string;
  averagePrice: string | null;
  gross: string;
  fee: string;
  total: string;
  venue: string;
  bookId: string | null;
  valueUsd: string | null;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
  /** JSON `[{state, note, at}, …]`, oldest first: a state change appends to it in the same UPDATE. */
  events: string;
  /** JSON `[{quantity, price, gross, fee, venue_order_id, created_at, activity_id}, …]`, oldest first (profile-022). */
  fills: string;
}

export const OrderEntity = new EntitySchema<OrderRow>({
  name: 'Order',
  tableName: 'orders',
  columns: {
    // Nullable as written by its migration (no NOT NULL): SQLite lets a TEXT primary key of a rowid table hold NULL.
    id: { type: 'text', primary: true, nullable: true },
    symbol: { type: 'text' },
    assetClass: { name: 'asset_class', type: 'text' },
    side: { type: 'text' },
    type: { type: 'text' },
    quantity: { type: 'text', nullable: true },
    amount: { type: 'text', nullable: true },
    limitPrice: { name: 'limit_price', type: 'text', nullable: true },
    currency: { type: 'text' },
    state: { type: 'text' },
    reserved: { type: 'text', default: '0' },
    filledQuantity: { name: 'filled_quantity', type: 'text', default: '0' },
    averagePrice: { name: 'average_price', type: 'text', nullable: true },
    gross: { type: 'text', default: '0' },
    fee: { type: 'text', default: '0' },
    total: { type: 'text', default: '0' },
    venue: { type: 'text' },
    bookId: { name: 'book_id', type: 'text', nullable: true },
    valueUsd: { name: 'value_usd', type: 'text', nullable: true },
    reason: { type: 'text', nullable: true },
    createdAt: { name: 'created_at', type: 'text' },
    updatedAt: { name: 'updated_at', type: 'text' },
    events: { type: 'text', default: '[]' },
    // Added by profile-011 with a default and no REFERENCES (SQLite allows no other way to add it).
    accountId: { name: 'account_id', type: 'text', default: 'main' },
    fills: { type: 'text', default: '[]' },
  },
  // Lists of more than two values are OR chains: SQLite builds a temporary table per statement for an IN list.
  checks: [
    { expression: "asset_class IN ('stock', 'crypto')" },
    { expression: "side IN ('buy', 'sell')" },
    { expression: "type IN ('market', 'limit')" },
    { expression: orChain('state', ORDER_STATES) },
  ],
  indices: [
    // Only orders that can still change state (migration 014): a filled market order never enters it.
    { name: 'idx_orders_live', columns: ['state', 'symbol'], where: LIVE_ORDERS },
    { name: 'idx_orders_book', columns: ['bookId'], where: 'book_id IS NOT NULL' },
  ],
});
