import type { InstrumentView, OrderPlaceRequest, OrderView } from '../../../shared/contract/index.js';
import { t } from '../i18n/index.js';
import { formatMoney, parseAmount } from './money.js';
import { describeOrder, STATE_LABEL } from './orders.js';
import { formatAveragePrice, formatQuantity, parseQuantity } from './quantity.js';

export type Side = 'buy' | 'sell';
export type OrderKind = 'market' | 'limit';
export type SizeBy = 'quantity' | 'amount';
/** What the order form asks for; the orders store adds the idempotency key. */
export type OrderTerms = Omit<OrderPlaceRequest, 'idempotencyKey' | 'confirm'>;

export interface OrderFields {
  side: Side;
  type: OrderKind;
  by: SizeBy;
  size: string;
  limit: string;
}

export interface BuiltOrder {
  terms: OrderTerms | null;
  sizeError: string | null;
  limitError: string | null;
}

/** Fraction digits an instrument trades in (main/orders/market-view.ts decides; this is the form's first check). */
export function quantityDecimals(i: InstrumentView): number {
  return i.assetClass === 'crypto' ? 8 : 6;
}

/** The order the form's fields describe, or why the size or the limit cannot be read. */
export function buildOrder(
  i: InstrumentView | undefined,
  { side, type, by, size, limit }: OrderFields,
  locale: string,
  minorUnitOf: (code: string) => number,
): BuiltOrder {
  if (!i) return { terms: null, sizeError: null, limitError: null };
  const mu = minorUnitOf(i.quoteCurrency);
  const s = by === 'quantity' ? parseQuantity(size, locale, t('trading:form.aQuantity'), quantityDecimals(i)) : parseAmount(size, i.quoteCurrency, mu, locale);
  const l = type === 'limit' ? parseQuantity(limit, locale, t('trading:form.aLimit'), 10) : null;
  const terms: OrderTerms | null =
    s.ok && (l === null || l.ok)
      ? {
          symbol: i.symbol,
          side,
          type,
          ...(by === 'quantity' ? { quantity: s.value } : { amount: s.value }),
          ...(l?.ok ? { limitPrice: l.value } : {}),
        }
      : null;
  return { terms, sizeError: s.ok ? null : s.message, limitError: l && !l.ok ? l.message : null };
}

/** What became of an order just placed, in one sentence. */
export function placedText(o: OrderView, locale: string, minorUnitOf: (code: string) => number): string {
  const mu = minorUnitOf(o.currency);
  const what = describeOrder(o, locale, mu);
  switch (o.state) {
    case 'filled':
      return t('trading:placed.filled', {
        what,
        quantity: formatQuantity(o.filledQuantity, locale),
        price: o.averagePrice ? formatAveragePrice(o.averagePrice, o.currency, mu, locale) : '—',
        total: formatMoney(o.total, o.currency, mu, locale),
      });
    case 'aggregating':
      return t('trading:placed.aggregating', { what });
    case 'open':
      return t('trading:placed.open', { what });
    case 'pending':
      return t('trading:placed.pending', { what });
    default:
      return o.reason
        ? t('trading:placed.otherReason', { what, state: STATE_LABEL[o.state].toLowerCase(), reason: o.reason })
        : t('trading:placed.other', { what, state: STATE_LABEL[o.state].toLowerCase() });
  }
}
