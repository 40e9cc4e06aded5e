import type { OrderView } from '../../../shared/contract/index.js';
import { formatMoney } from './money.js';
import { formatQuantity, formatUnitPrice } from './quantity.js';

export type OrderState = OrderView['state'];

export const ORDER_STATES: readonly OrderState[] = ['pending', 'aggregating', 'open', 'filled', 'cancelled', 'rejected', 'failed'];

export const STATE_LABEL: Record<OrderState, string> = {
  pending: 'Pending',
  aggregating: 'Aggregating',
  open: 'Open',
  filled: 'Filled',
  cancelled: 'Cancelled',
  rejected: 'Rejected',
  failed: 'Failed',
};

/** What each state means, for the badge's tooltip and the detail view. */
export const STATE_HINT: Record<OrderState, string> = {
  pending: 'Accepted, being sent to the venue.',
  aggregating: 'Small order: waiting in the aggregation book with other small orders.',
  open: 'A limit order waiting for the price to reach its limit.',
  filled: 'Done: bought or sold.',
  cancelled: 'Cancelled: what it reserved was returned.',
  rejected: 'Refused before any fill: what it reserved was returned.',
  failed: 'The venue could not fill it: what it reserved was returned.',
};

/** Orders that can still be cancelled from the list. */
export function isCancellable(o: Pick<OrderView, 'state'>): boolean {
  return o.state === 'open' || o.state === 'aggregating';
}

/** Orders still waiting for something. */
export function isActive(o: Pick<OrderView, 'state'>): boolean {
  return o.state === 'pending' || o.state === 'aggregating' || o.state === 'open';
}

type Terms = Pick<OrderView, 'side' | 'type' | 'symbol' | 'quantity' | 'amount' | 'limitPrice' | 'currency'>;

/**
 * One line for an order as asked: "Buy 2 AAPL at market", "Buy BTC-USD for $5.00 at market",
 * "Sell 1 AAPL, limit $200.00".
 */
export function describeOrder(o: Terms, locale: string, minorUnit: number): string {
  const side = o.side === 'buy' ? 'Buy' : 'Sell';
  const what =
    o.quantity !== null
      ? `${side} ${formatQuantity(o.quantity, locale)} ${o.symbol}`
      : `${side} ${o.symbol} for ${o.amount === null ? '?' : formatMoney(o.amount, o.currency, minorUnit, locale)}`;
  if (o.type === 'market') return `${what} at market`;
  return `${what}, limit ${o.limitPrice === null ? '?' : formatUnitPrice(o.limitPrice, o.currency, minorUnit, locale)}`;
}

/** For buttons and screen readers: "Buy 2 AAPL at market, created Mar 4, 2025, 9:41 AM". Short and unique enough. */
export function orderName(o: Terms & Pick<OrderView, 'createdAt'>, locale: string, minorUnit: number): string {
  const when = new Date(o.createdAt);
  const stamp = Number.isNaN(when.getTime())
    ? o.createdAt
    : new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }).format(when);
  return `${describeOrder(o, locale, minorUnit)} (${stamp})`;
}
