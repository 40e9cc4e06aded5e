import { useEffect, useRef } from 'react';
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
  const title = d ? describeOrder(d, locale, mu) : 'Order';

  return (
    <section ref={sectionRef} className="card order-detail" aria-labelledby="order-detail-title">
      <div className="chart-head">
        <h2 id="order-detail-title" ref={headingRef} tabIndex={-1} className="card-title order-detail-title">
          {title}
        </h2>
        <button type="button" className="ghost small-btn" onClick={() => useOrders.getState().select(null)}>
          Close details
        </button>
      </div>
      <Alert>{error?.message}</Alert>
      {!d && !error && <p className="muted">Loading the order…</p>}
      {d && (
        <>
          <p className="detail-state">
            <OrderStateBadge state={d.state} /> <span className="muted small">{STATE_HINT[d.state]}</span>
          </p>
          {d.reason && <p className="notice small">{d.reason}</p>}
          <dl className="facts detail-facts">
            <div>
              <dt>Asked</dt>
              <dd>{d.quantity !== null ? `${formatQuantity(d.quantity, locale)} ${d.symbol}` : d.amount !== null ? money(d.amount) : '—'}</dd>
            </div>
            {d.limitPrice !== null && (
              <div>
                <dt>Limit</dt>
                <dd>{unit(d.limitPrice)}</dd>
              </div>
            )}
            <div>
              <dt>Reserved</dt>
              <dd>{isZeroDecimal(d.reserved) ? '—' : d.side === 'buy' ? money(d.reserved) : `${formatQuantity(d.reserved, locale)} ${d.symbol}`}</dd>
            </div>
            <div>
              <dt>Filled</dt>
              <dd>
                {formatQuantity(d.filledQuantity, locale)} {d.symbol}
                {d.averagePrice && ` at ${formatAveragePrice(d.averagePrice, d.currency, mu, locale)} on average`}
              </dd>
            </div>
            <div>
              <dt>Value</dt>
              <dd>{money(d.gross)}</dd>
            </div>
            <div>
              <dt>Fee</dt>
              <dd>{money(d.fee)}</dd>
            </div>
            <div>
              <dt>{d.side === 'buy' ? 'Paid' : 'Received'}</dt>
              <dd>{money(d.total)}</dd>
            </div>
            <div>
              <dt>Venue</dt>
              <dd>
                {d.venue}
                {d.book && <span className="muted small"> · book {d.book}</span>}
              </dd>
            </div>
            <div>
              <dt>Order id</dt>
              <dd className="mono">{d.id}</dd>
            </div>
          </dl>

          <h3 className="sub-title detail-sub">Fills</h3>
          {d.fills.length === 0 ? (
            <p className="muted small">No fills.</p>
          ) : (
            <div className="table-scroll">
              <table className="grid compact">
                <caption className="visually-hidden">Fills of this order</caption>
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col" className="num">
                      Quantity
                    </th>
                    <th scope="col" className="num">
                      Price
                    </th>
                    <th scope="col" className="num">
                      Value
                    </th>
                    <th scope="col" className="num">
                      Fee
                    </th>
                    <th scope="col">Venue order</th>
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

          <h3 className="sub-title detail-sub">Ledger entries</h3>
          {d.ledger.length === 0 ? (
            <p className="muted small">No cash moved.</p>
          ) : (
            <div className="table-scroll">
              <table className="grid compact">
                <caption className="visually-hidden">Ledger entries of this order</caption>
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Type</th>
                    <th scope="col" className="num">
                      Amount
                    </th>
                    <th scope="col" className="num">
                      Balance after
                    </th>
                    <th scope="col">Note</th>
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

          <h3 className="sub-title detail-sub">History</h3>
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
