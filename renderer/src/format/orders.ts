import type { OrderView } from '../../../shared/contract/index.js';
import { labelTable, t } from '../i18n/index.js';
import { formatMoney } from './money.js';
import { formatQuantity, formatUnitPrice } from './quantity.js';

export type OrderState = OrderView['state'];

export const ORDER_STATES: readonly OrderState[] = ['pending', 'aggregating', 'open', 'filled', 'cancelled', 'rejected', 'failed'];

export const STATE_LABEL: Record<OrderState, string> = labelTable(ORDER_STATES, (s) => `trading:states.${s}`);

/** What each state means, for the badge's tooltip and the detail view. */
export const STATE_HINT: Record<OrderState, string> = labelTable(ORDER_STATES, (s) => `trading:hints.${s}`);

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
  const what =
    o.quantity !== null
      ? t(o.side === 'buy' ? 'trading:describe.buyQty' : 'trading:describe.sellQty', { quantity: formatQuantity(o.quantity, locale), symbol: o.symbol })
      : t(o.side === 'buy' ? 'trading:describe.buyFor' : 'trading:describe.sellFor', {
          symbol: o.symbol,
          amount: o.amount === null ? '?' : formatMoney(o.amount, o.currency, minorUnit, locale),
        });
  if (o.type === 'market') return t('trading:describe.atMarket', { what });
  return t('trading:describe.limit', { what, price: o.limitPrice === null ? '?' : formatUnitPrice(o.limitPrice, o.currency, minorUnit, locale) });
}

/** For buttons and screen readers: "Buy 2 AAPL at market, created Mar 4, 2025, 9:41 AM". Short and unique enough. */
export function orderName(o: Terms & Pick<OrderView, 'createdAt'>, locale: string, minorUnit: number): string {
  const when = new Date(o.createdAt);
  const stamp = Number.isNaN(when.getTime())
    ? o.createdAt
    : new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }).format(when);
  return `${describeOrder(o, locale, minorUnit)} (${stamp})`;
}
