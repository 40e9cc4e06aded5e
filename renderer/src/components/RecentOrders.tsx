import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { formatMoney } from '../format/money.js';
import { describeOrder } from '../format/orders.js';
import { minorUnitOf } from '../stores/currencies.js';
import { useNav } from '../stores/nav.js';
import { useOrders } from '../stores/orders.js';
import { OrderStateBadge } from './OrderStateBadge.js';

/** The last few orders under the form, live: a small order is seen going from aggregating to filled. */
export function RecentOrders({ locale }: { locale: string }) {
  const { t } = useTranslation('trading');
  const orders = useOrders((s) => s.recent);

  useEffect(() => {
    void useOrders.getState().loadRecent();
  }, []);

  return (
    <section className="card recent-orders" aria-labelledby="recent-orders-title">
      <div className="chart-head">
        <h2 id="recent-orders-title" className="card-title">
          {t('orders.recent')}
        </h2>
        <button type="button" className="ghost small-btn" onClick={() => useNav.getState().go('orders')}>
          {t('orders.allOrders')}
        </button>
      </div>
      {orders === null && <p className="muted">{t('orders.loading')}</p>}
      {orders?.length === 0 && <p className="muted">{t('orders.noneYet')}</p>}
      {orders && orders.length > 0 && (
        <ul className="recent-list">
          {orders.map((o) => {
            const mu = minorUnitOf(o.currency);
            return (
              <li key={o.id}>
                <button
                  type="button"
                  className="recent-order"
                  onClick={() => {
                    useOrders.getState().select(o.id);
                    useNav.getState().go('orders');
                  }}
                >
                  <span className="recent-what">{describeOrder(o, locale, mu)}</span>
                  <OrderStateBadge state={o.state} />
                  <span className="recent-total num">{o.state === 'filled' ? formatMoney(o.total, o.currency, mu, locale) : ''}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
