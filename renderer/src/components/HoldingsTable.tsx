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

const CLASS_LABEL: Record<string, string> = { stock: 'Stock', crypto: 'Crypto' };

const dash = <span className="muted">—</span>;

interface Props {
  holdings: HoldingView[];
  base: string;
  locale: string;
  now: number;
}

/** What is held, valued at the mark (live price, else the last stored close) in its currency and in the base. */
export function HoldingsTable({ holdings, base, locale, now }: Props) {
  const bmu = minorUnitOf(base);
  const inBase = (v: string | null) => (v === null ? dash : formatMoney(v, base, bmu, locale));

  function sell(symbol: string) {
    useTradeIntent.getState().set(symbol, 'sell');
    useNav.getState().go('trade');
  }

  return (
    <div className="table-scroll">
      <table className="grid holdings">
        <caption className="visually-hidden">Holdings</caption>
        <thead>
          <tr>
            <th scope="col">Holding</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col" className="num">
              Avg cost
            </th>
            <th scope="col" className="num">
              Price
            </th>
            <th scope="col" className="num">
              Market value
            </th>
            <th scope="col" className="num">
              Value ({base})
            </th>
            <th scope="col" className="num">
              Unrealized
            </th>
            <th scope="col" className="num">
              Day change
            </th>
            <th scope="col" className="num">
              Realized
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
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
                <span className={pnlClass(v)} title={vBase !== null && h.currency !== base ? `${formatSignedMoney(vBase, base, bmu, locale)} in ${base}` : undefined}>
                  {formatSignedMoney(v, h.currency, mu, locale)}
                </span>
              );
            return (
              <tr key={h.symbol} className={h.stale ? 'is-stale' : undefined}>
                <th scope="row" className="holding-name">
                  <span className="holding-symbol">{h.symbol}</span>
                  <span className="holding-sub">
                    {h.name} · {CLASS_LABEL[h.assetClass] ?? h.assetClass}
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
                  <button type="button" className="ghost small-btn" aria-label={`Sell ${h.symbol}`} onClick={() => sell(h.symbol)}>
                    Sell
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
