import { useTranslation } from 'react-i18next';
import type { OrderView } from '../../../shared/contract/index.js';
import { formatDateTimeSeconds } from '../format/date.js';
import { isZeroDecimal } from '../format/decimal.js';
import { formatMoney } from '../format/money.js';
import { describeOrder, isCancellable } from '../format/orders.js';
import { privacyText } from '../format/privacy.js';
import { formatAveragePrice, formatQuantity } from '../format/quantity.js';
import { minorUnitOf } from '../stores/currencies.js';
import { OrderStateBadge } from './OrderStateBadge.js';

interface Props {
  orders: OrderView[];
  locale: string;
  selected: string | null;
  cancelling: ReadonlySet<string>;
  onSelect(id: string): void;
  onCancel(o: OrderView): void;
}

/** One row per order: what was asked, its state, what filled and for how much; Details and (when it can) Cancel. */
export function OrderTable({ orders, locale, selected, cancelling, onSelect, onCancel }: Props) {
  const { t } = useTranslation('trading');
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="grid orders">
        <caption className="visually-hidden">{t('orders.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('orders.created')}</th>
            <th scope="col">{t('orders.order')}</th>
            <th scope="col">{t('orders.state')}</th>
            <th scope="col" className="num">
              {t('orders.filled')}
            </th>
            <th scope="col" className="num">
              {t('orders.avgPrice')}
            </th>
            <th scope="col" className="num">
              {t('orders.total')}
            </th>
            <th scope="col">
              <span className="visually-hidden">{t('orders.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => {
            const mu = minorUnitOf(o.currency);
            const what = describeOrder(o, locale, mu);
            return (
              <tr key={o.id} className={selected === o.id ? 'is-selected' : undefined}>
                <td className="date">{formatDateTimeSeconds(o.createdAt, locale)}</td>
                <th scope="row" className="order-what">
                  {what}
                  {o.reason && <span className="order-reason">{privacyText(o.reason)}</span>}
                </th>
                <td>
                  <OrderStateBadge state={o.state} />
                </td>
                <td className="num">{isZeroDecimal(o.filledQuantity) ? <span className="muted">—</span> : formatQuantity(o.filledQuantity, locale)}</td>
                <td className="num">{o.averagePrice ? formatAveragePrice(o.averagePrice, o.currency, mu, locale) : <span className="muted">—</span>}</td>
                <td className="num">{o.state === 'filled' ? formatMoney(o.total, o.currency, mu, locale) : <span className="muted">—</span>}</td>
                <td className="row-actions">
                  {isCancellable(o) && (
                    <button
                      type="button"
                      className="ghost small-btn danger"
                      aria-label={t('orders.cancelWhat', { what })}
                      disabled={cancelling.has(o.id)}
                      onClick={() => onCancel(o)}
                    >
                      {cancelling.has(o.id) ? t('orders.cancelling') : t('orders.cancel')}
                    </button>
                  )}
                  <button
                    type="button"
                    className="ghost small-btn"
                    aria-label={t('orders.detailsOf', { what })}
                    aria-pressed={selected === o.id}
                    onClick={() => onSelect(o.id)}
                  >
                    {t('orders.details')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
