import { memo } from 'react';
import type { TFunction } from 'i18next';
import { shallow } from 'zustand/shallow';
import type { HoldingView } from '../../../shared/contract/index.js';
import { pnlClass } from '../format/decimal.js';
import { formatMoney, formatSignedMoney } from '../format/money.js';
import { formatSignedPercent, percentClass } from '../format/percent.js';
import { formatAveragePrice, formatQuantity, formatUnitPrice } from '../format/quantity.js';
import { minorUnitOf } from '../stores/currencies.js';
import { useNav } from '../stores/nav.js';
import { useTradeIntent } from '../stores/trade-intent.js';
import { PriceAge } from './PriceAge.js';
import { PriceFlags } from './PriceFlags.js';

const dash = <span className="muted">—</span>;

function sell(symbol: string): void {
  useTradeIntent.getState().set(symbol, 'sell');
  useNav.getState().go('trade');
}

export interface HoldingLabels {
  stock: string;
  crypto: string;
  sell: string;
}

export function holdingLabels(t: TFunction<'portfolio'>): HoldingLabels {
  return { stock: t('table.classes.stock'), crypto: t('table.classes.crypto'), sell: t('table.sell') };
}

export interface HoldingRowProps {
  holding: HoldingView;
  base: string;
  locale: string;
  /** The portfolio namespace's `t`: a new one after a language switch, which draws every row again. */
  t: TFunction<'portfolio'>;
  /** Words every row shows, looked up once per language for all rows (holdingLabels). */
  labels: HoldingLabels;
  /** Privacy mode: the formatters read the switch, so a row is drawn again when it flips. */
  masked: boolean;
  /** Its place among the holdings (the table draws only the rows in view) and the ref that measures its height. */
  index: number;
  measure: (row: HTMLTableRowElement | null) => void;
}

/**
 * Drawn again only when its own figures change (the same fields, compared one by one) or the language, locale or
 * privacy mode does: a new snapshot every live tick leaves the rows of holdings it did not move as they are. Its price
 * age redraws itself (PriceAge).
 */
export const HoldingRow = memo(function HoldingRow({ holding: h, base, locale, t, labels, index, measure }: HoldingRowProps) {
  const bmu = minorUnitOf(base);
  const mu = minorUnitOf(h.currency);
  const local = (v: string | null) => (v === null ? dash : formatMoney(v, h.currency, mu, locale));
  const inBase = (v: string | null) => (v === null ? dash : formatMoney(v, base, bmu, locale));
  // P&L in the instrument's currency (what the price moved); the base-currency figure is in the tooltip.
  const signedLocal = (v: string | null, vBase: string | null) =>
    v === null ? (
      dash
    ) : (
      <span className={pnlClass(v)} title={vBase !== null && h.currency !== base ? t('table.inBase', { amount: formatSignedMoney(vBase, base, bmu, locale), base }) : undefined}>
        {formatSignedMoney(v, h.currency, mu, locale)}
      </span>
    );
  const assetClass = h.assetClass === 'stock' || h.assetClass === 'crypto' ? labels[h.assetClass] : h.assetClass;
  return (
    <tr ref={measure} data-index={index} aria-rowindex={index + 2} className={h.stale ? 'is-stale' : undefined}>
      <th scope="row" className="holding-name">
        <span className="holding-symbol">{h.symbol}</span>
        <span className="holding-sub">
          {h.name} · {assetClass}
        </span>
      </th>
      <td className="num">{formatQuantity(h.quantity, locale)}</td>
      <td className="num">{h.averageCost === null ? dash : formatAveragePrice(h.averageCost, h.currency, mu, locale)}</td>
      <td className="num price-cell">
        <span className="price-main">{h.price === null ? dash : formatUnitPrice(h.price, h.currency, mu, locale)}</span>
        <span className="price-meta">
          {h.priceTs !== null && <PriceAge ts={h.priceTs} />}
          {h.priceSource && <span> · {h.priceSource}</span>}
        </span>
        <PriceFlags stale={h.stale} simulated={h.simulated} />
      </td>
      <td className="num">{local(h.marketValue)}</td>
      <td className="num">{inBase(h.marketValueBase)}</td>
      <td className="num">
        {signedLocal(h.unrealizedPnl, h.unrealizedPnlBase)}
        {h.unrealizedPnlRatio !== null && <span className={`pnl-pct ${percentClass(h.unrealizedPnlRatio)}`}>{formatSignedPercent(h.unrealizedPnlRatio, locale)}</span>}
      </td>
      <td className="num">{signedLocal(h.dayChange, h.dayChangeBase)}</td>
      <td className="num">
        <span className={pnlClass(h.realizedPnl)}>{formatSignedMoney(h.realizedPnl, h.currency, mu, locale)}</span>
      </td>
      <td className="row-actions">
        <button type="button" className="ghost small-btn" aria-label={t('table.sellSymbol', { symbol: h.symbol })} onClick={() => sell(h.symbol)}>
          {labels.sell}
        </button>
      </td>
    </tr>
  );
}, sameRow);

function sameRow(a: HoldingRowProps, b: HoldingRowProps): boolean {
  return (
    a.index === b.index &&
    a.measure === b.measure &&
    a.base === b.base &&
    a.locale === b.locale &&
    a.t === b.t &&
    a.labels === b.labels &&
    a.masked === b.masked &&
    shallow(a.holding, b.holding)
  );
}
