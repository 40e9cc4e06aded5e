import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('trading');
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
        {t('quote.title')}
      </h2>
      {!symbol && <p className="muted">{t('quote.pick')}</p>}
      {error && <Alert>{describeOrderError(error, { locale, minorUnitOf, symbol: symbol ?? undefined, currency: cur })}</Alert>}
      {symbol && !quote && !error && <p className="muted">{t('quote.asking')}</p>}
      {quote && (
        <>
          <div className={`quote-price${quote.stale ? ' is-stale' : ''}`}>
            <span className="quote-price-label">{t('quote.live', { symbol: quote.symbol })}</span>
            <span className="quote-price-value">{quote.price === null ? '—' : unit(quote.price)}</span>
            <PriceFlags stale={quote.stale} simulated={quote.simulated} />
          </div>
          <p className="quote-meta muted small">
            {quote.priceTs === null ? (
              t('quote.noPrice')
            ) : (
              <>
                {t('quote.updated')} <time dateTime={new Date(quote.priceTs).toISOString()}>{ageText(quote.priceTs, now)}</time>
                {quote.source ? t('quote.source', { source: quote.source }) : ''}
              </>
            )}
          </p>
          {quote.simulated && (
            <p className="notice small">{t('quote.simulated')}</p>
          )}
          {quote.stale && <p className="notice small">{t('quote.stale')}</p>}

          <h3 className="sub-title quote-sub">{t('quote.estimate')}</h3>
          {priceOnly && <p className="muted small">{t('quote.enterSize')}</p>}
          {!priceOnly && !est && <p className="muted small">{quote.problem ?? t('quote.noEstimate')}</p>}
          {est && (
            <dl className="facts quote-facts">
              <div>
                <dt>{t('quote.execution')}</dt>
                <dd>
                  {unit(est.executionPrice)} <span className="muted small">{t('quote.withSpread', { bps: trading.spreadBps })}</span>
                </dd>
              </div>
              <div>
                <dt>{t('quote.quantity')}</dt>
                <dd>
                  {formatQuantity(est.quantity, locale)} {quote.symbol}
                </dd>
              </div>
              <div>
                <dt>{t('quote.value')}</dt>
                <dd>{money(est.gross)}</dd>
              </div>
              <div>
                <dt>{t('quote.fee')}</dt>
                <dd>{money(est.fee)}</dd>
              </div>
              <div className="total">
                <dt>{side === 'buy' ? t('quote.totalCost') : t('quote.receive')}</dt>
                <dd>{money(est.total)}</dd>
              </div>
            </dl>
          )}
          {est && quote.aggregated && (
            <p className="notice small aggregation-note">
              <strong>{t('quote.small')}</strong>{' '}
              {t(side === 'buy' ? 'quote.smallBuy' : 'quote.smallSell', {
                threshold: trading.aggregationThresholdUsd,
                symbol: quote.symbol,
                seconds: trading.aggregationWindowSeconds,
              })}
            </p>
          )}

          {side === 'sell' && (
            <>
              <h3 className="sub-title quote-sub">{t('quote.yours', { symbol: quote.symbol })}</h3>
              <dl className="facts quote-facts">
                <div>
                  <dt>{t('quote.held')}</dt>
                  <dd>{formatQuantity(quote.holding.quantity, locale)}</dd>
                </div>
                <div>
                  <dt>{t('quote.inSells')}</dt>
                  <dd>{formatQuantity(quote.holding.reserved, locale)}</dd>
                </div>
                <div>
                  <dt>{t('quote.available')}</dt>
                  <dd className={short ? 'negative' : undefined}>{formatQuantity(quote.holding.available, locale)}</dd>
                </div>
              </dl>
              {short && <p className="field-error">{t('quote.tooMuch', { available: formatQuantity(quote.holding.available, locale), symbol: quote.symbol })}</p>}
            </>
          )}

          <h3 className="sub-title quote-sub">{t('quote.wallet', { currency: cur })}</h3>
          <dl className="facts quote-facts">
            <div>
              <dt>{t('quote.balance')}</dt>
              <dd>{money(quote.cash.balance)}</dd>
            </div>
            <div>
              <dt>{t('quote.reserved')}</dt>
              <dd>{money(quote.cash.reserved)}</dd>
            </div>
            <div>
              <dt>{t('quote.available')}</dt>
              <dd className={side === 'buy' && short ? 'negative' : undefined}>{money(quote.cash.available)}</dd>
            </div>
          </dl>
          {side === 'buy' && short && (
            <p className="field-error">{t('quote.noCash', { currency: cur })}</p>
          )}
        </>
      )}
    </section>
  );
}
