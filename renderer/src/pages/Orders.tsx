import { useTranslation } from 'react-i18next';
import { useEffect, useId, useState } from 'react';
import type { OrderView } from '../../../shared/contract/index.js';
import { Alert, Status } from '../components/Alert.js';
import { OrderDetailPanel } from '../components/OrderDetailPanel.js';
import { OrderTable } from '../components/OrderTable.js';
import { errorText } from '../format/errors.js';
import { describeOrderError } from '../format/order-errors.js';
import { describeOrder, ORDER_STATES, STATE_LABEL } from '../format/orders.js';
import { minorUnitOf } from '../stores/currencies.js';
import { useNav } from '../stores/nav.js';
import { useOrders, type OrderFilter } from '../stores/orders.js';
import { useSettings } from '../stores/settings.js';

const FILTERS: OrderFilter[] = ['all', 'active', ...ORDER_STATES];

export function Orders() {
  const { t } = useTranslation(['trading', 'nav']);
  const id = useId();
  const { orders, filter, loaded, error, selected } = useOrders();
  const locale = useSettings((s) => s.settings.locale);
  const [cancelling, setCancelling] = useState<ReadonlySet<string>>(new Set());
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    void useOrders.getState().load();
  }, []);

  async function cancel(o: OrderView) {
    if (cancelling.has(o.id)) return;
    const what = describeOrder(o, locale, minorUnitOf(o.currency));
    setCancelError(null);
    setDone(null);
    setCancelling((s) => new Set(s).add(o.id));
    const r = await useOrders.getState().cancel(o.id);
    setCancelling((s) => {
      const next = new Set(s);
      next.delete(o.id);
      return next;
    });
    if (!r.ok) {
      setCancelError(
        r.error.code === 'NETWORK'
          ? t('orders.cancelAgain', { message: r.error.message })
          : t('orders.couldNotCancel', { what, reason: describeOrderError(r.error, { locale, minorUnitOf, symbol: o.symbol, currency: o.currency }) }),
      );
      return;
    }
    setDone(t('orders.cancelled', { what }));
  }

  return (
    <>
      <div className="page-head page-head-row">
        <div>
          <h1>{t('nav:pages.orders')}</h1>
          <p className="muted">{t('orders.intro')}</p>
        </div>
        <button type="button" className="primary" onClick={() => useNav.getState().go('trade')}>
          {t('orders.newOrder')}
        </button>
      </div>
      <div className="orders-layout">
        <section className="card" aria-labelledby={`${id}-title`}>
          <div className="chart-head list-head">
            <h2 id={`${id}-title`} className="card-title">
              {t('orders.list')}
            </h2>
            <div className="field inline-filter">
              <label htmlFor={`${id}-filter`}>{t('orders.state')}</label>
              <select id={`${id}-filter`} value={filter} onChange={(e) => useOrders.getState().setFilter(e.target.value as OrderFilter)}>
                {FILTERS.map((f) => (
                  <option key={f} value={f}>
                    {f === 'all' ? t('orders.all') : f === 'active' ? t('orders.active') : STATE_LABEL[f]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <Alert>{error ? errorText(error) : cancelError}</Alert>
          <Status>{done}</Status>
          {!loaded && !error && <p className="muted">{t('orders.loading')}</p>}
          {loaded && orders.length === 0 && !error && (
            <p className="muted empty-entries">{filter === 'all' ? t('orders.none') : t('orders.noneInState')}</p>
          )}
          {orders.length > 0 && (
            <OrderTable
              orders={orders}
              locale={locale}
              selected={selected}
              cancelling={cancelling}
              onSelect={(oid) => useOrders.getState().select(selected === oid ? null : oid)}
              onCancel={(o) => void cancel(o)}
            />
          )}
        </section>
        {selected && <OrderDetailPanel id={selected} locale={locale} />}
      </div>
    </>
  );
}
