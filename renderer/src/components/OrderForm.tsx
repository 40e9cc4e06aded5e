import { useTranslation } from 'react-i18next';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { InstrumentView, OrderView } from '../../../shared/contract/index.js';
import type { UiError } from '../api/client.js';
import { useNow } from '../hooks/useNow.js';
import { useOrderQuote, type QuoteAsk } from '../hooks/useOrderQuote.js';
import { describeOrderError } from '../format/order-errors.js';
import { buildOrder, quantityDecimals, type OrderKind, type OrderTerms, type Side, type SizeBy } from '../format/order-terms.js';
import { minorUnitOf } from '../stores/currencies.js';
import { useOrders } from '../stores/orders.js';
import { useSettings } from '../stores/settings.js';
import { Alert } from './Alert.js';
import { DecimalField } from './DecimalField.js';
import { DeviationConfirm } from './DeviationConfirm.js';
import { OrderPlaced } from './OrderPlaced.js';
import { OrderQuotePanel } from './OrderQuotePanel.js';
import { InstrumentSearch } from './InstrumentSearch.js';
import { Segmented } from './Segmented.js';


interface Props {
  instruments: InstrumentView[];
  initial: { symbol: string; side: Side; quantity?: string } | null;
}

/**
 * The order form: instrument, side, market or limit, by quantity or by amount. It quotes as the user types and places
 * through the orders store (one idempotency key per submission: a double-click or a retry after no answer makes one
 * order).
 */
export function OrderForm({ instruments, initial }: Props) {
  const { t } = useTranslation('trading');
  const SIDES = [
    { value: 'buy', label: t('form.buy'), className: 'segment-buy' },
    { value: 'sell', label: t('form.sell'), className: 'segment-sell' },
  ] as const;
  const KINDS = [
    { value: 'market', label: t('form.market') },
    { value: 'limit', label: t('form.limit') },
  ] as const;
  const id = useId();
  const locale = useSettings((s) => s.settings.locale);
  const trading = useSettings((s) => s.settings.trading);
  const now = useNow();
  const [choice, setSymbol] = useState(initial?.symbol ?? instruments[0]?.symbol ?? '');
  const [side, setSide] = useState<Side>(initial?.side ?? 'buy');
  const [type, setType] = useState<OrderKind>('market');
  const [by, setBy] = useState<SizeBy>('quantity');
  const [size, setSize] = useState(initial?.quantity ?? '');
  const [limit, setLimit] = useState('');
  const [tried, setTried] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [confirm, setConfirm] = useState<{ terms: OrderTerms; error: UiError } | null>(null);
  const [placed, setPlaced] = useState<OrderView | null>(null);
  const busy = useRef(false);

  // The instrument list arrived after the form (or the chosen one was removed): fall back to the first.
  const symbol = instruments.some((i) => i.symbol === choice) ? choice : (instruments[0]?.symbol ?? choice);
  const instrument = instruments.find((i) => i.symbol === symbol);
  const currency = instrument?.quoteCurrency ?? null;
  const built = buildOrder(instrument, { side, type, by, size, limit }, locale, minorUnitOf);
  const priceOnly = built.terms === null;
  const ask: QuoteAsk | null = instrument ? (built.terms ?? { symbol: instrument.symbol, side, type: 'market' }) : null;
  const { quote, error: quoteError, loading } = useOrderQuote(ask);

  // Anything the user changes makes an earlier confirmation question moot.
  const termsKey = JSON.stringify(built.terms);
  const [askedFor, setAskedFor] = useState(termsKey);
  if (askedFor !== termsKey) {
    setAskedFor(termsKey);
    setConfirm(null);
  }

  function edit() {
    setError(null);
    setPlaced(null);
  }

  async function send(terms: OrderTerms, confirmed: boolean) {
    if (busy.current) return;
    busy.current = true;
    setPending(true);
    setError(null);
    setPlaced(null);
    const r = await useOrders.getState().place(terms, confirmed);
    busy.current = false;
    setPending(false);
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
      ? t('form.retrySafe', { message: error.message })
      : describeOrderError(error, ctx)
    : null;
  const unit = instrument?.assetClass === 'crypto' ? instrument.symbol.split('-')[0] : (instrument?.symbol ?? '');

  return (
    <div className="trade-layout">
      <section className="card order-form" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="card-title">
          {t('form.title')}
        </h2>
        <form className="stack" noValidate onSubmit={submit} aria-busy={pending}>
          <div className="field">
            <label htmlFor={`${id}-instrument`}>{t('form.instrument')}</label>
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
          <InstrumentSearch
            compact
            label={t('form.findOther')}
            action={t('form.use')}
            onPicked={(i) => {
              setSymbol(i.symbol);
              edit();
            }}
          />

          <div className="trade-toggles">
            <Segmented
              legend={t('form.side')}
              name={`${id}-side`}
              className="side-toggle"
              options={SIDES}
              value={side}
              onChange={(s) => {
                setSide(s);
                edit();
              }}
              disabled={pending}
            />
            <Segmented
              legend={t('form.type')}
              name={`${id}-type`}
              options={KINDS}
              value={type}
              onChange={(k) => {
                setType(k);
                edit();
              }}
              disabled={pending}
            />
          </div>

          <Segmented
            legend={t('form.size')}
            name={`${id}-by`}
            options={[
              { value: 'quantity', label: t('form.byQuantity') },
              { value: 'amount', label: t('form.byAmount', { currency: currency ?? t('form.currency') }) },
            ]}
            value={by}
            onChange={(b) => {
              setBy(b);
              setSize('');
              setTried(false);
              edit();
            }}
            disabled={pending}
          />

          <DecimalField
            id={`${id}-size`}
            label={by === 'quantity' ? t('form.quantity') : t('form.amount')}
            value={size}
            placeholder={by === 'quantity' ? '0' : mu === 0 ? '0' : `0.${'0'.repeat(mu)}`}
            onChange={(v) => {
              setSize(v);
              edit();
            }}
            suffix={by === 'quantity' ? unit : (currency ?? '')}
            error={showSizeError}
            autoFocus={initial?.quantity !== undefined}
            hint={
              by === 'quantity'
                ? t('form.quantityHint', { symbol: symbol || t('form.theInstrument'), count: instrument ? quantityDecimals(instrument) : 6 })
                : side === 'buy'
                  ? t('form.buyAmountHint', { currency: currency ?? '' })
                  : t('form.sellAmountHint', { currency: currency ?? '' })
            }
            disabled={pending}
          />

          {type === 'limit' && (
            <DecimalField
              id={`${id}-limit`}
              label={t('form.limitPrice')}
              value={limit}
              onChange={(v) => {
                setLimit(v);
                edit();
              }}
              suffix={currency ?? ''}
              error={showLimitError}
              hint={
                side === 'buy'
                  ? t('form.limitBuyHint')
                  : t('form.limitSellHint')
              }
              disabled={pending}
            />
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
              {pending ? t('form.placing') : t('form.place')}
            </button>
          </div>
          <OrderPlaced order={placed} locale={locale} />
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
