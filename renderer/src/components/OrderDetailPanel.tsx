import { useTranslation } from 'react-i18next';
import { useEffect, useRef } from 'react';
import { errorText } from '../format/errors.js';
import { privacyText } from '../format/privacy.js';
import { formatDateTimeSeconds } from '../format/date.js';
import { isZeroDecimal } from '../format/decimal.js';
import { LEDGER_KIND_LABEL } from '../format/ledger.js';
import { formatMoney, formatSignedMoney } from '../format/money.js';
import { describeOrder, STATE_HINT } from '../format/orders.js';
import { formatAveragePrice, formatQuantity, formatUnitPrice } from '../format/quantity.js';
import { minorUnitOf } from '../stores/currencies.js';
import { useOrders } from '../stores/orders.js';
import { Alert } from './Alert.js';
import { OrderStateBadge } from './OrderStateBadge.js';

/** Everything about one order (orders:get): its figures, every fill, every ledger entry and every state change. */
export function OrderDetailPanel({ id, locale }: { id: string; locale: string }) {
  const { t } = useTranslation('trading');
  const version = useOrders((s) => s.version);
  const detail = useOrders((s) => s.detail);
  const error = useOrders((s) => s.detailError);
  const sectionRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Opened from a row of a long list: bring it into view and move focus to it, as a screen reader user expects.
  useEffect(() => {
    sectionRef.current?.scrollIntoView({ block: 'start' });
    headingRef.current?.focus({ preventScroll: true });
  }, [id]);

  useEffect(() => {
    void useOrders.getState().loadDetail(id);
  }, [id, version]);

  const d = detail?.id === id ? detail : null;
  const mu = d ? minorUnitOf(d.currency) : 2;
  const money = (v: string) => (d ? formatMoney(v, d.currency, mu, locale) : v);
  const unit = (v: string) => (d ? formatUnitPrice(v, d.currency, mu, locale) : v);
  const title = d ? describeOrder(d, locale, mu) : t('detail.order');

  return (
    <section ref={sectionRef} className="card order-detail" aria-labelledby="order-detail-title">
      <div className="chart-head">
        <h2 id="order-detail-title" ref={headingRef} tabIndex={-1} className="card-title order-detail-title">
          {title}
        </h2>
        <button type="button" className="ghost small-btn" onClick={() => useOrders.getState().select(null)}>
          {t('detail.close')}
        </button>
      </div>
      <Alert>{error && errorText(error)}</Alert>
      {!d && !error && <p className="muted">{t('detail.loading')}</p>}
      {d && (
        <>
          <p className="detail-state">
            <OrderStateBadge state={d.state} /> <span className="muted small">{STATE_HINT[d.state]}</span>
          </p>
          {d.reason && <p className="notice small">{privacyText(d.reason)}</p>}
          <dl className="facts detail-facts">
            <div>
              <dt>{t('detail.asked')}</dt>
              <dd>{d.quantity !== null ? `${formatQuantity(d.quantity, locale)} ${d.symbol}` : d.amount !== null ? money(d.amount) : '—'}</dd>
            </div>
            {d.limitPrice !== null && (
              <div>
                <dt>{t('detail.limit')}</dt>
                <dd>{unit(d.limitPrice)}</dd>
              </div>
            )}
            <div>
              <dt>{t('detail.reserved')}</dt>
              <dd>{isZeroDecimal(d.reserved) ? '—' : d.side === 'buy' ? money(d.reserved) : `${formatQuantity(d.reserved, locale)} ${d.symbol}`}</dd>
            </div>
            <div>
              <dt>{t('detail.filled')}</dt>
              <dd>
                {formatQuantity(d.filledQuantity, locale)} {d.symbol}
                {d.averagePrice && t('detail.atAverage', { price: formatAveragePrice(d.averagePrice, d.currency, mu, locale) })}
              </dd>
            </div>
            <div>
              <dt>{t('detail.value')}</dt>
              <dd>{money(d.gross)}</dd>
            </div>
            <div>
              <dt>{t('detail.fee')}</dt>
              <dd>{money(d.fee)}</dd>
            </div>
            <div>
              <dt>{d.side === 'buy' ? t('detail.paid') : t('detail.received')}</dt>
              <dd>{money(d.total)}</dd>
            </div>
            <div>
              <dt>{t('detail.venue')}</dt>
              <dd>
                {d.venue}
                {d.book && <span className="muted small">{t('detail.book', { book: d.book })}</span>}
              </dd>
            </div>
            <div>
              <dt>{t('detail.id')}</dt>
              <dd className="mono">{d.id}</dd>
            </div>
          </dl>

          <h3 className="sub-title detail-sub">{t('detail.fills')}</h3>
          {d.fills.length === 0 ? (
            <p className="muted small">{t('detail.noFills')}</p>
          ) : (
            <div className="table-scroll" tabIndex={0}>
              <table className="grid compact">
                <caption className="visually-hidden">{t('detail.fillsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('detail.time')}</th>
                    <th scope="col" className="num">
                      {t('detail.quantity')}
                    </th>
                    <th scope="col" className="num">
                      {t('detail.price')}
                    </th>
                    <th scope="col" className="num">
                      {t('detail.value')}
                    </th>
                    <th scope="col" className="num">
                      {t('detail.fee')}
                    </th>
                    <th scope="col">{t('detail.venueOrder')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.fills.map((f) => (
                    <tr key={f.id}>
                      <td className="date">{formatDateTimeSeconds(f.createdAt, locale)}</td>
                      <td className="num">{formatQuantity(f.quantity, locale)}</td>
                      <td className="num">{unit(f.price)}</td>
                      <td className="num">{money(f.gross)}</td>
                      <td className="num">{money(f.fee)}</td>
                      <td className="mono small">{f.venueOrderId}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          <h3 className="sub-title detail-sub">{t('detail.ledger')}</h3>
          {d.ledger.length === 0 ? (
            <p className="muted small">{t('detail.noCash')}</p>
          ) : (
            <div className="table-scroll" tabIndex={0}>
              <table className="grid compact">
                <caption className="visually-hidden">{t('detail.ledgerCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('detail.time')}</th>
                    <th scope="col">{t('detail.type')}</th>
                    <th scope="col" className="num">
                      {t('detail.amount')}
                    </th>
                    <th scope="col" className="num">
                      {t('detail.balanceAfter')}
                    </th>
                    <th scope="col">{t('detail.note')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.ledger.map((e) => {
                    const emu = minorUnitOf(e.currency);
                    return (
                      <tr key={e.id}>
                        <td className="date">{formatDateTimeSeconds(e.createdAt, locale)}</td>
                        <td>{LEDGER_KIND_LABEL[e.kind] ?? e.kind}</td>
                        <td className={`num amount ${e.amount.startsWith('-') ? 'withdrawal' : 'deposit'}`}>
                          {formatSignedMoney(e.amount, e.currency, emu, locale)}
                        </td>
                        <td className="num">{formatMoney(e.balanceAfter, e.currency, emu, locale)}</td>
                        <td>{e.note !== null ? privacyText(e.note) : <span className="muted">—</span>}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}

          <h3 className="sub-title detail-sub">{t('detail.history')}</h3>
          <ol className="order-events">
            {d.events.map((ev, i) => (
              <li key={`${ev.at}-${i}`}>
                <OrderStateBadge state={ev.state} />
                <time className="muted small" dateTime={ev.at}>
                  {formatDateTimeSeconds(ev.at, locale)}
                </time>
                {ev.note && <span className="small">{privacyText(ev.note)}</span>}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
