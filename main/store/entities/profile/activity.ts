import { EntitySchema } from 'typeorm';
import { fractionSql, wholeSql } from '../../migrations/profile-005-history.js';
import { orChain } from '../../migrations/profile-007-check-lists.js';
import { ACTIVITY_TYPES_011 } from '../../migrations/profile-011-accounts.js';

const ACTIVITY_TYPES = ACTIVITY_TYPES_011;
const ACTIVITY_SOURCES = ['order', 'wallet', 'manual'] as const;
/** Types whose positive `amount` leaves the wallet: their amount sort key is negative. */
const OUTFLOW_TYPES = ['buy', 'withdrawal', 'fee', 'fx-exchange'] as const;

/**
 * What the portfolio replays and the history lists: every fill, every wallet deposit or withdrawal, every recorded
 * outside activity. Rows are ordered by rowid (insertion order); ids are UUIDs so an exported record keeps its
 * identity. Amounts are positive decimal strings; the type says the direction.
 */
export interface ActivityRow {
  /** The account it belongs to (profile-011-accounts.ts). */
  accountId: string;
  /** On each leg of an account:transfer, the id of the other leg (profile-019-transfer-legs.ts); null otherwise. */
  transferWith: string | null;
  id: string;
  type: (typeof ACTIVITY_TYPES)[number];
  date: string;
  symbol: string | null;
  quantity: string | null;
  price: string | null;
  fee: string | null;
  currency: string;
  amount: string;
  toCurrency: string | null;
  toAmount: string | null;
  orderId: string | null;
  source: (typeof ACTIVITY_SOURCES)[number];
  note: string | null;
  createdAt: string;
  /** 0 while the row waits for the history indexer, which marks it 1 and so puts it in the sort indexes. */
  hReady: number;
  hAmountWhole: number;
  hAmountFrac: number;
  hQuantityWhole: number;
  hQuantityFrac: number;
  hPriceWhole: number;
  hPriceFrac: number;
  hFeeWhole: number;
  hFeeFrac: number;
  hSymbol: string;
  hNote: string;
}

const sign = `(CASE WHEN ${orChain('type', OUTFLOW_TYPES)} THEN -1 ELSE 1 END)`;
/** A missing value sorts below every real one. */
const nullableWhole = (col: string) => `(CASE WHEN ${col} IS NULL THEN -1 ELSE ${wholeSql(col)} END)`;
const nullableFraction = (col: string, digits: number) => `(CASE WHEN ${col} IS NULL THEN 0 ELSE ${fractionSql(col, digits)} END)`;

/**
 * The history's sort keys: VIRTUAL generated columns (stored only in the indexes that hold them) with these
 * expressions. Decimal strings become exact INTEGER keys, whole part and fraction scaled to a fixed number of digits
 * (amounts signed by direction), so a keyset row value `(key, date, rowid) < (?, ?, ?)` is an index seek.
 *
 * The entity declares them as read-only columns and keeps their expressions here: declared as TypeORM generated
 * columns, they would make TypeORM's migration runner add its `typeorm_metadata` table to every profile database it
 * opens. test/integration/schema-drift.test.ts compares these expressions with the ones SQLite stores.
 */
export const ACTIVITY_SORT_KEYS = {
  h_amount_whole: `${sign} * ${wholeSql('amount')}`,
  h_amount_frac: `${sign} * ${fractionSql('amount', 8)}`,
  h_quantity_whole: nullableWhole('quantity'),
  h_quantity_frac: nullableFraction('quantity', 18),
  h_price_whole: nullableWhole('price'),
  h_price_frac: nullableFraction('price', 10),
  h_fee_whole: nullableWhole('fee'),
  h_fee_frac: nullableFraction('fee', 8),
  h_symbol: `COALESCE(symbol, '')`,
  // The first 40 characters: longer index entries spill to overflow pages.
  h_note: `substr(COALESCE(note, ''), 1, 40)`,
} as const;

const sortKey = (name: keyof typeof ACTIVITY_SORT_KEYS, type: 'integer' | 'text') =>
  ({ name, type, nullable: true, insert: false, update: false }) as const;

export const ActivityEntity = new EntitySchema<ActivityRow>({
  name: 'Activity',
  tableName: 'activities',
  columns: {
    // Nullable as written by its migration (no NOT NULL): SQLite lets a TEXT primary key of a rowid table hold NULL.
    id: { type: 'text', primary: true, nullable: true },
    type: { type: 'text' },
    date: { type: 'text' },
    symbol: { type: 'text', nullable: true },
    quantity: { type: 'text', nullable: true },
    price: { type: 'text', nullable: true },
    fee: { type: 'text', nullable: true },
    currency: { type: 'text' },
    amount: { type: 'text' },
    toCurrency: { name: 'to_currency', type: 'text', nullable: true },
    toAmount: { name: 'to_amount', type: 'text', nullable: true },
    orderId: { name: 'order_id', type: 'text', nullable: true, foreignKey: { target: 'Order', onDelete: 'RESTRICT' } },
    source: { type: 'text' },
    note: { type: 'text', nullable: true },
    createdAt: { name: 'created_at', type: 'text' },
    hReady: { name: 'h_ready', type: 'integer', default: 1 },
    // Added by profile-011 with a default and no REFERENCES (SQLite allows no other way to add it).
    accountId: { name: 'account_id', type: 'text', default: 'main' },
    transferWith: { name: 'transfer_with', type: 'text', nullable: true },
    hAmountWhole: sortKey('h_amount_whole', 'integer'),
    hAmountFrac: sortKey('h_amount_frac', 'integer'),
    hQuantityWhole: sortKey('h_quantity_whole', 'integer'),
    hQuantityFrac: sortKey('h_quantity_frac', 'integer'),
    hPriceWhole: sortKey('h_price_whole', 'integer'),
    hPriceFrac: sortKey('h_price_frac', 'integer'),
    hFeeWhole: sortKey('h_fee_whole', 'integer'),
    hFeeFrac: sortKey('h_fee_frac', 'integer'),
    hSymbol: sortKey('h_symbol', 'text'),
    hNote: { ...sortKey('h_note', 'text'), collation: 'NOCASE' },
  },
  checks: [
    { expression: orChain('type', ACTIVITY_TYPES) },
    { expression: orChain('source', ACTIVITY_SOURCES) },
    { expression: orChain('h_ready', [0, 1]) },
  ],
  indices: [
    { name: 'idx_activities_date', columns: ['date'] },
    { name: 'idx_history_symbol', columns: ['hSymbol', 'date'] },
    // The sort indexes hold only rows the indexer has marked ready; the pending few are those after its watermark
    // (history-indexed.ts), read by rowid.
    { name: 'idx_history_type', columns: ['type', 'date'], where: 'h_ready = 1' },
    { name: 'idx_history_currency', columns: ['currency', 'date'], where: 'h_ready = 1' },
    { name: 'idx_history_to_currency', columns: ['toCurrency', 'date'], where: 'to_currency IS NOT NULL AND h_ready = 1' },
    { name: 'idx_history_amount', columns: ['hAmountWhole', 'hAmountFrac', 'date'], where: 'h_ready = 1' },
    { name: 'idx_history_quantity', columns: ['hQuantityWhole', 'hQuantityFrac', 'date'], where: 'h_ready = 1' },
    { name: 'idx_history_price', columns: ['hPriceWhole', 'hPriceFrac', 'date'], where: 'h_ready = 1' },
    { name: 'idx_history_fee', columns: ['hFeeWhole', 'hFeeFrac', 'date'], where: 'h_ready = 1' },
    { name: 'idx_history_note', columns: ['hNote', 'date'], where: 'h_ready = 1' },
    // The legs of transfers between accounts (profile-021-transfer-index.ts): the History's totals and filter.
    { name: 'idx_activities_transfer', columns: ['date'], where: 'transfer_with IS NOT NULL' },
  ],
});
