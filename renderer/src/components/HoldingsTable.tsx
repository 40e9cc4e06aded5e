import { useTranslation } from 'react-i18next';
import type { HoldingView } from '../../../shared/contract/index.js';
import { ageText } from '../format/age.js';
import { pnlClass } from '../format/decimal.js';
import { formatMoney, formatSignedMoney } from '../format/money.js';
import { formatSignedPercent, percentClass } from '../format/percent.js';
import { formatAveragePrice, formatQuantity, formatUnitPrice } from '../format/quantity.js';
import { minorUnitOf } from '../stores/currencies.js';
import { useNav } from '../stores/nav.js';
import { useTradeIntent } from '../stores/trade-intent.js';
import { PriceFlags } from './PriceFlags.js';

const dash = <span className="muted">—</span>;

interface Props {
  holdings: HoldingView[];
  base: string;
  locale: string;
  now: number;
}

/** What is held, valued at the mark (live price, else the last stored close) in its currency and in the base. */
export function HoldingsTable({ holdings, base, locale, now }: Props) {
  const { t } = useTranslation('portfolio');
  const bmu = minorUnitOf(base);
  const inBase = (v: string | null) => (v === null ? dash : formatMoney(v, base, bmu, locale));
  // Looked up once, not per row: a large portfolio draws hundreds of rows.
  const classes = { stock: t('table.classes.stock'), crypto: t('table.classes.crypto') };
  const sellText = t('table.sell');

  function sell(symbol: string) {
    useTradeIntent.getState().set(symbol, 'sell');
    useNav.getState().go('trade');
  }

  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="grid holdings">
        <caption className="visually-hidden">{t('holdings')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('table.holding')}</th>
            <th scope="col" className="num">
              {t('table.quantity')}
            </th>
            <th scope="col" className="num">
              {t('table.avgCost')}
            </th>
            <th scope="col" className="num">
              {t('table.price')}
            </th>
            <th scope="col" className="num">
              {t('table.marketValue')}
            </th>
            <th scope="col" className="num">
              {t('table.value', { base })}
            </th>
            <th scope="col" className="num">
              {t('table.unrealized')}
            </th>
            <th scope="col" className="num">
              {t('table.day')}
            </th>
            <th scope="col" className="num">
              {t('table.realized')}
            </th>
            <th scope="col">
              <span className="visually-hidden">{t('table.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {holdings.map((h) => {
            const mu = minorUnitOf(h.currency);
            const local = (v: string | null) => (v === null ? dash : formatMoney(v, h.currency, mu, locale));
            // P&L in the instrument's currency (what the price moved); the base-currency figure is in the tooltip.
            const signedLocal = (v: string | null, vBase: string | null) =>
              v === null ? (
                dash
              ) : (
                <span className={pnlClass(v)} title={vBase !== null && h.currency !== base ? t('table.inBase', { amount: formatSignedMoney(vBase, base, bmu, locale), base }) : undefined}>
                  {formatSignedMoney(v, h.currency, mu, locale)}
                </span>
              );
            return (
              <tr key={h.symbol} className={h.stale ? 'is-stale' : undefined}>
                <th scope="row" className="holding-name">
                  <span className="holding-symbol">{h.symbol}</span>
                  <span className="holding-sub">
                    {h.name} · {h.assetClass === 'stock' || h.assetClass === 'crypto' ? classes[h.assetClass] : h.assetClass}
                  </span>
                </th>
                <td className="num">{formatQuantity(h.quantity, locale)}</td>
                <td className="num">{h.averageCost === null ? dash : formatAveragePrice(h.averageCost, h.currency, mu, locale)}</td>
                <td className="num price-cell">
                  <span className="price-main">{h.price === null ? dash : formatUnitPrice(h.price, h.currency, mu, locale)}</span>
                  <span className="price-meta">
                    {h.priceTs !== null && <time dateTime={new Date(h.priceTs).toISOString()}>{ageText(h.priceTs, now)}</time>}
                    {h.priceSource && <span> · {h.priceSource}</span>}
                  </span>
                  <PriceFlags stale={h.stale} simulated={h.simulated} />
                </td>
                <td className="num">{local(h.marketValue)}</td>
                <td className="num">{inBase(h.marketValueBase)}</td>
                <td className="num">
                  {signedLocal(h.unrealizedPnl, h.unrealizedPnlBase)}
                  {h.unrealizedPnlRatio !== null && (
                    <span className={`pnl-pct ${percentClass(h.unrealizedPnlRatio)}`}>{formatSignedPercent(h.unrealizedPnlRatio, locale)}</span>
                  )}
                </td>
                <td className="num">{signedLocal(h.dayChange, h.dayChangeBase)}</td>
                <td className="num">
                  <span className={pnlClass(h.realizedPnl)}>{formatSignedMoney(h.realizedPnl, h.currency, mu, locale)}</span>
                </td>
                <td className="row-actions">
                  <button type="button" className="ghost small-btn" aria-label={t('table.sellSymbol', { symbol: h.symbol })} onClick={() => sell(h.symbol)}>
                    {sellText}
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
