import type { ActivityView } from '../../shared/contract/index.js';
import { Dec } from '../../shared/decimal/index.js';
import type { ActivityRow } from '../ledger/rows.js';

/** Types whose positive `amount` leaves the wallet (the one list: history, totals and export use it too). */
const OUTFLOWS = new Set(['buy', 'withdrawal', 'fee', 'fx-exchange']);

export function isOutflow(type: string): boolean {
  return OUTFLOWS.has(type);
}

/** The amount with the sign of its direction. */
export function signedAmount(type: string, amount: string): string {
  return OUTFLOWS.has(type) ? `-${amount}` : amount;
}

/** A row as listed (main/activities/repo.ts) carries its account and, for a move between accounts, the other one's. */
type Row = ActivityRow & { account_id?: string; other_account?: string | null };

export function activityView(r: Row): ActivityView {
  // A corporate action keeps its ratio in quantity and price, its new symbol in to_currency (main/ledger/lot-events.ts).
  if (r.type === 'split' || r.type === 'stock-dividend') return { ...plain(r), quantity: null, price: null, numerator: r.quantity ?? '', denominator: r.price ?? '' };
  if (r.type === 'symbol-change') return { ...plain(r), toCurrency: null, newSymbol: r.to_currency ?? '' };
  return { ...plain(r), ...accounts(r) };
}

function accounts(r: Row): Pick<ActivityView, 'accountId' | 'transfer'> {
  if (r.account_id === undefined) return {};
  const transfer = transferOf(r.type, r.account_id, r.other_account ?? null);
  return transfer ? { accountId: r.account_id, transfer } : { accountId: r.account_id };
}

/** Both accounts of a leg of a transfer, seen from its row (the first leg sends, the second receives); none otherwise. */
export function transferOf(type: string, accountId: string, otherAccount: string | null): { fromAccountId: string; toAccountId: string } | undefined {
  if (!otherAccount) return undefined;
  const outgoing = type === 'transfer-out' || type === 'withdrawal';
  return outgoing ? { fromAccountId: accountId, toAccountId: otherAccount } : { fromAccountId: otherAccount, toAccountId: accountId };
}

function plain(r: ActivityRow): ActivityView {
  return {
    id: r.id,
    type: r.type,
    date: r.date,
    symbol: r.symbol,
    quantity: r.quantity,
    price: r.price,
    fee: r.fee,
    currency: r.currency,
    amount: signedAmount(r.type, r.amount),
    toCurrency: r.to_currency,
    toAmount: r.to_amount,
    rate: r.type === 'fx-exchange' && r.to_amount ? Dec.of(r.to_amount).div(r.amount).round(10).toFixed() : null,
    orderId: r.order_id,
    source: r.source,
    note: r.note,
    createdAt: r.created_at,
  };
}
