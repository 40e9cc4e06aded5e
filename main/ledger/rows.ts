import type { ActivityView } from '../../shared/contract/index.js';

/** A stored `activities` row (main/store/migrations/profile-004-trading.ts): the one declaration of its shape. */
export interface ActivityRow {
  id: string;
  type: ActivityView['type'];
  date: string;
  symbol: string | null;
  quantity: string | null;
  price: string | null;
  fee: string | null;
  currency: string;
  /** Positive; the type says the direction (shared/portfolio/activity.ts). */
  amount: string;
  to_currency: string | null;
  to_amount: string | null;
  order_id: string | null;
  source: ActivityView['source'];
  note: string | null;
  created_at: string;
}

/**
 * The account of the other leg of a transfer between accounts, for a row of `activities` under `alias`: the row its
 * marker names (transfer-legs.ts); NULL for every row that is not a leg of one, whatever it looks like.
 */
export const otherLegAccountSql = (alias: string): string => `(SELECT o.account_id FROM activities o WHERE o.id = ${alias}.transfer_with)`;

/** The stored columns of `activities` (not the history's generated sort keys), in ActivityRow's order. */
export const ACTIVITY_COLUMNS = 'id, type, date, symbol, quantity, price, fee, currency, amount, to_currency, to_amount, order_id, source, note, created_at';

/** What the ledger keeps of a wallet while it moves cash. */
export interface WalletRow {
  id: number;
  balance: string;
  reserved: string;
}

/** What the ledger keeps of a position while it moves units. */
export interface PositionRow {
  symbol: string;
  quantity: string;
  reserved: string;
}

/** A change of one wallet's balance: one ledger entry, written with the balance. */
export interface Movement {
  currency: string;
  minorUnit: number;
  /** Signed change of the balance. */
  amount: string;
  kind: 'buy' | 'sell' | 'dividend' | 'interest' | 'fee' | 'fx-exchange' | 'deposit' | 'withdrawal';
  at: string;
  orderId?: string | null;
  activityId?: string | null;
  note?: string | null;
  /** Cash reservation released by the same movement (a buy settling). */
  release?: string | undefined;
}

/** An activity to write: a stored row's fields, and whether the history indexes it at once. */
export interface ActivityInsert {
  type: ActivityRow['type'];
  date: string;
  symbol?: string | null;
  quantity?: string | null;
  price?: string | null;
  fee?: string | null;
  currency: string;
  /** Positive; the type says the direction (shared/portfolio/activity.ts). */
  amount: string;
  toCurrency?: string | null;
  toAmount?: string | null;
  orderId?: string | null;
  source: ActivityRow['source'];
  note?: string | null;
  at: string;
  /**
   * Leave it to main/history/indexer.ts to add to the history's sort indexes (a trade's own commit: see
   * main/store/migrations/profile-006-history-pending.ts). Bulk and rare writers index at once.
   */
  deferIndex?: boolean;
}
