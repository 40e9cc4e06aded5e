import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { InstrumentView, OrderPlaceRequest, OrderView } from '../../../shared/contract/index.js';
import { call, type UiError } from '../api/client.js';
import { fingerprint, SubmissionKeys } from '../api/submission.js';
import { useNow } from '../hooks/useNow.js';
import { useOrderQuote, type QuoteAsk } from '../hooks/useOrderQuote.js';
import { formatMoney, parseAmount } from '../format/money.js';
import { describeOrderError } from '../format/order-errors.js';
import { describeOrder, STATE_LABEL } from '../format/orders.js';
import { formatAveragePrice, formatQuantity, parseQuantity } from '../format/quantity.js';
import { minorUnitOf } from '../stores/currencies.js';
import { useNav } from '../stores/nav.js';
import { useOrders } from '../stores/orders.js';
import { useSettings } from '../stores/settings.js';
import { Alert } from './Alert.js';
import { DeviationConfirm } from './DeviationConfirm.js';
import { OrderQuotePanel } from './OrderQuotePanel.js';

type Side = 'buy' | 'sell';
type Kind = 'market' | 'limit';
type By = 'quantity' | 'amount';
type Terms = Omit<OrderPlaceRequest, 'idempotencyKey' | 'confirm'>;

interface Built {
  terms: Terms | null;
  sizeError: string | null;
  limitError: string | null;
}

function build(i: InstrumentView | undefined, side: Side, type: Kind, by: By, size: string, limit: string, locale: string): Built {
  if (!i) return { terms: null, sizeError: null, limitError: null };
  const mu = minorUnitOf(i.quoteCurrency);
  const s = by === 'quantity' ? parseQuantity(size, locale, 'a quantity', quantityDecimals(i)) : parseAmount(size, i.quoteCurrency, mu, locale);
  const l = type === 'limit' ? parseQuantity(limit, locale, 'a limit price', 10) : null;
  const terms: Terms | null =
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

function placedText(o: OrderView, locale: string): string {
  const mu = minorUnitOf(o.currency);
  const what = describeOrder(o, locale, mu);
  switch (o.state) {
    case 'filled':
      return `${what}: filled ${formatQuantity(o.filledQuantity, locale)} at ${o.averagePrice ? formatAveragePrice(o.averagePrice, o.currency, mu, locale) : '—'}, total ${formatMoney(o.total, o.currency, mu, locale)}.`;
    case 'aggregating':
      return `${what}: aggregating. It waits with other small orders and fills when their total reaches the threshold.`;
    case 'open':
      return `${what}: open. It fills when the price reaches the limit.`;
    case 'pending':
      return `${what}: pending, on its way to the venue.`;
    default:
      return `${what}: ${STATE_LABEL[o.state].toLowerCase()}${o.reason ? ` (${o.reason})` : ''}.`;
  }
}

/** Fraction digits an instrument trades in (main/orders/market-view.ts decides; this is the form's first check). */
function quantityDecimals(i: InstrumentView): number {
  return i.assetClass === 'crypto' ? 8 : 6;
}

interface Props {
  instruments: InstrumentView[];
  initial: { symbol: string; side: Side } | null;
}

/**
 * The order form: instrument, side, market or limit, by quantity or by amount. It quotes as the user types and places
 * with one idempotency key per submission (a double-click or a retry after no answer makes one order).
 */
export function OrderForm({ instruments, initial }: Props) {
  const id = useId();
  const locale = useSettings((s) => s.settings.locale);
  const trading = useSettings((s) => s.settings.trading);
  const now = useNow();
  const [symbol, setSymbol] = useState(initial?.symbol ?? instruments[0]?.symbol ?? '');
  const [side, setSide] = useState<Side>(initial?.side ?? 'buy');
  const [type, setType] = useState<Kind>('market');
  const [by, setBy] = useState<By>('quantity');
  const [size, setSize] = useState('');
  const [limit, setLimit] = useState('');
  const [tried, setTried] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [confirm, setConfirm] = useState<{ terms: Terms; error: UiError } | null>(null);
  const [placed, setPlaced] = useState<OrderView | null>(null);
  const keys = useRef(new SubmissionKeys());
  const busy = useRef(false);

  // The instrument list arrived after the form (or the chosen one was removed): fall back to the first.
  useEffect(() => {
    if (!instruments.some((i) => i.symbol === symbol) && instruments[0]) setSymbol(instruments[0].symbol);
  }, [instruments, symbol]);

  const instrument = instruments.find((i) => i.symbol === symbol);
  const currency = instrument?.quoteCurrency ?? null;
  const built = build(instrument, side, type, by, size, limit, locale);
  const priceOnly = built.terms === null;
  const ask: QuoteAsk | null = instrument
    ? (built.terms ?? { symbol: instrument.symbol, side, type: 'market' })
    : null;
  const { quote, error: quoteError, loading } = useOrderQuote(ask);

  // Anything the user changes makes an earlier confirmation question and result moot.
  const termsKey = JSON.stringify(built.terms);
  useEffect(() => setConfirm(null), [termsKey]);

  function edit() {
    setError(null);
    setPlaced(null);
  }

  async function send(terms: Terms, confirmed: boolean) {
    if (busy.current) return;
    busy.current = true;
    const parts: Record<string, string> = { confirm: String(confirmed) };
    for (const [k, v] of Object.entries(terms)) parts[k] = String(v);
    const idempotencyKey = keys.current.keyFor(fingerprint(parts));
    setPending(true);
    setError(null);
    setPlaced(null);
    const r = await call('orders:place', { ...terms, ...(confirmed ? { confirm: true } : {}), idempotencyKey });
    busy.current = false;
    setPending(false);
    keys.current.settle(r.ok || r.error.code !== 'NETWORK');
    if (!r.ok) {
      if (r.error.code === 'PRICE_NEEDS_CONFIRMATION' && !confirmed) setConfirm({ terms, error: r.error });
      else {
        setConfirm(null);
        setError(r.error);
      }
      return;
    }
    setConfirm(null);
    setPlaced(r.data);
    setSize('');
    setTried(false);
    useOrders.getState().apply(r.data);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (!built.terms) return;
    void send(built.terms, false);
  }

  const mu = currency ? minorUnitOf(currency) : 2;
  const showSizeError = built.sizeError && (tried || size.trim() !== '') ? built.sizeError : null;
  const showLimitError = built.limitError && (tried || limit.trim() !== '') ? built.limitError : null;
  const ctx = { locale, minorUnitOf, symbol, currency: currency ?? undefined };
  const message = error
    ? error.code === 'NETWORK'
      ? `${error.message} Placing it again is safe: the same order will not be placed twice.`
      : describeOrderError(error, ctx)
    : null;

  return (
    <div className="trade-layout">
      <section className="card order-form" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="card-title">
          New order
        </h2>
        <form className="stack" noValidate onSubmit={submit} aria-busy={pending}>
          <div className="field">
            <label htmlFor={`${id}-instrument`}>Instrument</label>
            <select
              id={`${id}-instrument`}
              value={symbol}
              onChange={(e) => {
                setSymbol(e.target.value);
                edit();
              }}
              disabled={pending}
            >
              {instruments.map((i) => (
                <option key={i.id} value={i.symbol}>
                  {i.symbol} — {i.name} ({i.quoteCurrency})
                </option>
              ))}
            </select>
          </div>

          <div className="trade-toggles">
            <fieldset className="field">
              <legend>Side</legend>
              <div className="segmented side-toggle">
                {(['buy', 'sell'] as const).map((s) => (
                  <label key={s} className={`segment segment-${s}`}>
                    <input
                      type="radio"
                      name={`${id}-side`}
                      value={s}
                      checked={side === s}
                      onChange={() => {
                        setSide(s);
                        edit();
                      }}
                      disabled={pending}
                    />
                    <span>{s === 'buy' ? 'Buy' : 'Sell'}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <fieldset className="field">
              <legend>Order type</legend>
              <div className="segmented">
                {(['market', 'limit'] as const).map((t) => (
                  <label key={t} className="segment">
                    <input
                      type="radio"
                      name={`${id}-type`}
                      value={t}
                      checked={type === t}
                      onChange={() => {
                        setType(t);
                        edit();
                      }}
                      disabled={pending}
                    />
                    <span>{t === 'market' ? 'Market' : 'Limit'}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          </div>

          <fieldset className="field">
            <legend>Size</legend>
            <div className="segmented">
              {(['quantity', 'amount'] as const).map((b) => (
                <label key={b} className="segment">
                  <input
                    type="radio"
                    name={`${id}-by`}
                    value={b}
                    checked={by === b}
                    onChange={() => {
                      setBy(b);
                      setSize('');
                      setTried(false);
                      edit();
                    }}
                    disabled={pending}
                  />
                  <span>{b === 'quantity' ? 'By quantity' : `By amount in ${currency ?? 'currency'}`}</span>
                </label>
              ))}
            </div>
          </fieldset>

          <div className="field">
            <label htmlFor={`${id}-size`}>{by === 'quantity' ? 'Quantity' : 'Amount'}</label>
            <div className="amount-input">
              <input
                id={`${id}-size`}
                type="text"
                inputMode="decimal"
                autoComplete="off"
                spellCheck={false}
                value={size}
                placeholder={by === 'quantity' ? '0' : mu === 0 ? '0' : `0.${'0'.repeat(mu)}`}
                onChange={(e) => {
                  setSize(e.target.value);
                  edit();
                }}
                aria-invalid={showSizeError ? true : undefined}
                aria-describedby={`${id}-size-hint`}
                maxLength={40}
                disabled={pending}
              />
              <span className="amount-suffix" aria-hidden="true">
                {by === 'quantity' ? (instrument?.assetClass === 'crypto' ? instrument.symbol.split('-')[0] : (instrument?.symbol ?? '')) : (currency ?? '')}
              </span>
            </div>
            <p className={showSizeError ? 'field-error' : 'hint'} id={`${id}-size-hint`}>
              {showSizeError ??
                (by === 'quantity'
                  ? `Units of ${symbol || 'the instrument'}, up to ${instrument ? quantityDecimals(instrument) : 6} decimal places.`
                  : side === 'buy'
                    ? `All the ${currency ?? ''} this buy may use, fee included.`
                    : `The ${currency ?? ''} value to sell, before the fee.`)}
            </p>
          </div>

          {type === 'limit' && (
            <div className="field">
              <label htmlFor={`${id}-limit`}>Limit price</label>
              <div className="amount-input">
                <input
                  id={`${id}-limit`}
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  spellCheck={false}
                  value={limit}
                  onChange={(e) => {
                    setLimit(e.target.value);
                    edit();
                  }}
                  aria-invalid={showLimitError ? true : undefined}
                  aria-describedby={`${id}-limit-hint`}
                  maxLength={40}
                  disabled={pending}
                />
                <span className="amount-suffix" aria-hidden="true">
                  {currency ?? ''}
                </span>
              </div>
              <p className={showLimitError ? 'field-error' : 'hint'} id={`${id}-limit-hint`}>
                {showLimitError ??
                  (side === 'buy'
                    ? 'Fills when the price is at or below this, also after a restart.'
                    : 'Fills when the price is at or above this, also after a restart.')}
              </p>
            </div>
          )}

          {confirm ? (
            <DeviationConfirm
              message={describeOrderError(confirm.error, ctx)}
              pending={pending}
              onConfirm={() => void send(confirm.terms, true)}
              onDismiss={() => setConfirm(null)}
            />
          ) : (
            <Alert>{message}</Alert>
          )}
          <div className="actions">
            <button type="submit" className={`primary place-${side}`} disabled={pending || !instrument}>
              {pending ? 'Placing…' : 'Place order'}
            </button>
          </div>
          <p className={placed ? 'status-msg' : 'status-msg empty'} role="status">
            {placed && (
              <>
                Order placed. {placedText(placed, locale)}{' '}
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    useOrders.getState().select(placed.id);
                    useNav.getState().go('orders');
                  }}
                >
                  See it in Orders
                </button>
              </>
            )}
          </p>
        </form>
      </section>
      <OrderQuotePanel
        symbol={instrument?.symbol ?? null}
        currency={currency}
        side={side}
        quote={quote}
        priceOnly={priceOnly}
        loading={loading}
        error={quoteError}
        trading={trading}
        locale={locale}
        now={now}
      />
    </div>
  );
}
