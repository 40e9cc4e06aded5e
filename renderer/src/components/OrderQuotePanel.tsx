import type { OrderQuote, TradingSettings } from '../../../shared/contract/index.js';
import type { UiError } from '../api/client.js';
import { ageText } from '../format/age.js';
import { compareDecimal } from '../format/decimal.js';
import { formatMoney } from '../format/money.js';
import { describeOrderError } from '../format/order-errors.js';
import { formatQuantity, formatUnitPrice } from '../format/quantity.js';
import { minorUnitOf } from '../stores/currencies.js';
import { Alert } from './Alert.js';
import { PriceFlags } from './PriceFlags.js';

interface Props {
  symbol: string | null;
  currency: string | null;
  side: 'buy' | 'sell';
  quote: OrderQuote | null;
  /** The quote was asked for the price only (the form has no valid size yet): its estimate means nothing. */
  priceOnly: boolean;
  loading: boolean;
  error: UiError | null;
  trading: TradingSettings;
  locale: string;
  now: number;
}

/** Live price with its age and source, the estimate with spread and fee, the cash and the holding the order uses. */
export function OrderQuotePanel({ symbol, currency, side, quote, priceOnly, loading, error, trading, locale, now }: Props) {
  const cur = quote?.currency ?? currency ?? 'USD';
  const mu = minorUnitOf(cur);
  const money = (v: string) => formatMoney(v, cur, mu, locale);
  const unit = (v: string) => formatUnitPrice(v, cur, mu, locale);
  const est = !priceOnly ? (quote?.estimate ?? null) : null;
  const short =
    est && quote
      ? side === 'buy'
        ? compareDecimal(est.total, quote.cash.available) > 0
        : compareDecimal(est.quantity, quote.holding.available) > 0
      : false;

  return (
    <section className="card quote-panel" aria-labelledby="quote-title" aria-busy={loading || undefined}>
      <h2 id="quote-title" className="card-title">
        Price and estimate
      </h2>
      {!symbol && <p className="muted">Pick an instrument to see its live price.</p>}
      {error && <Alert>{describeOrderError(error, { locale, minorUnitOf, symbol: symbol ?? undefined, currency: cur })}</Alert>}
      {symbol && !quote && !error && <p className="muted">Asking for a quote…</p>}
      {quote && (
        <>
          <div className={`quote-price${quote.stale ? ' is-stale' : ''}`}>
            <span className="quote-price-label">{quote.symbol} live price</span>
            <span className="quote-price-value">{quote.price === null ? '—' : unit(quote.price)}</span>
            <PriceFlags stale={quote.stale} simulated={quote.simulated} />
          </div>
          <p className="quote-meta muted small">
            {quote.priceTs === null ? (
              'No price yet from the feed or the stored history.'
            ) : (
              <>
                Updated <time dateTime={new Date(quote.priceTs).toISOString()}>{ageText(quote.priceTs, now)}</time>
                {quote.source ? ` · Source: ${quote.source}` : ''}
              </>
            )}
          </p>
          {quote.simulated && (
            <p className="notice small">This price is simulated, not from a market. Orders fill at it on the paper venue.</p>
          )}
          {quote.stale && <p className="notice small">The price is stale: an order on it would be refused until the feed sends a fresh one.</p>}

          <h3 className="sub-title quote-sub">Estimate</h3>
          {priceOnly && <p className="muted small">Enter a quantity or an amount to see the cost with spread and fee.</p>}
          {!priceOnly && !est && <p className="muted small">{quote.problem ?? 'No estimate yet.'}</p>}
          {est && (
            <dl className="facts quote-facts">
              <div>
                <dt>Execution price</dt>
                <dd>
                  {unit(est.executionPrice)} <span className="muted small">with {trading.spreadBps} bp spread</span>
                </dd>
              </div>
              <div>
                <dt>Quantity</dt>
                <dd>
                  {formatQuantity(est.quantity, locale)} {quote.symbol}
                </dd>
              </div>
              <div>
                <dt>Value</dt>
                <dd>{money(est.gross)}</dd>
              </div>
              <div>
                <dt>Fee</dt>
                <dd>{money(est.fee)}</dd>
              </div>
              <div className="total">
                <dt>{side === 'buy' ? 'Total cost' : 'You receive'}</dt>
                <dd>{money(est.total)}</dd>
              </div>
            </dl>
          )}
          {est && quote.aggregated && (
            <p className="notice small aggregation-note">
              <strong>Small order:</strong> worth less than {trading.aggregationThresholdUsd} USD, so it waits in the
              aggregation book with other small {quote.symbol} {side === 'buy' ? 'buys' : 'sells'}. It fills when the
              book reaches the threshold or after at most {trading.aggregationWindowSeconds} s, at the book&apos;s
              average price.
            </p>
          )}

          {side === 'sell' && (
            <>
              <h3 className="sub-title quote-sub">Your {quote.symbol}</h3>
              <dl className="facts quote-facts">
                <div>
                  <dt>Held</dt>
                  <dd>{formatQuantity(quote.holding.quantity, locale)}</dd>
                </div>
                <div>
                  <dt>In open sells</dt>
                  <dd>{formatQuantity(quote.holding.reserved, locale)}</dd>
                </div>
                <div>
                  <dt>Available</dt>
                  <dd className={short ? 'negative' : undefined}>{formatQuantity(quote.holding.available, locale)}</dd>
                </div>
              </dl>
              {short && <p className="field-error">More than you can sell: {formatQuantity(quote.holding.available, locale)} {quote.symbol} available.</p>}
            </>
          )}

          <h3 className="sub-title quote-sub">{cur} wallet</h3>
          <dl className="facts quote-facts">
            <div>
              <dt>Balance</dt>
              <dd>{money(quote.cash.balance)}</dd>
            </div>
            <div>
              <dt>Reserved</dt>
              <dd>{money(quote.cash.reserved)}</dd>
            </div>
            <div>
              <dt>Available</dt>
              <dd className={side === 'buy' && short ? 'negative' : undefined}>{money(quote.cash.available)}</dd>
            </div>
          </dl>
          {side === 'buy' && short && (
            <p className="field-error">The total is more than the available cash: deposit {cur} on the Wallets page first.</p>
          )}
        </>
      )}
    </section>
  );
}
