import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortfolioSnapshot } from '../../../shared/contract/index.js';
import { pnlClass } from '../format/decimal.js';
import { formatMoney, formatSignedMoney } from '../format/money.js';
import { usePrivacyRedraw } from '../hooks/usePrivacyRedraw.js';
import { minorUnitOf } from '../stores/currencies.js';

interface Props {
  totals: PortfolioSnapshot['totals'];
  method: PortfolioSnapshot['method'];
  base: string;
  locale: string;
}

/**
 * The headline figures in the base currency: value, day change, unrealized and realized P&L. Memoized on its inputs
 * (drawn again when a snapshot changes the totals), so it follows privacy mode itself.
 */
export const PortfolioTotals = memo(function PortfolioTotals({ totals: t, method, base, locale }: Props) {
  const { t: tr } = useTranslation('portfolio');
  usePrivacyRedraw();
  const mu = minorUnitOf(base);
  const money = (v: string) => formatMoney(v, base, mu, locale);
  const signed = (v: string) => formatSignedMoney(v, base, mu, locale);
  return (
    <section className="card totals" aria-label={tr('totals.region')}>
      <dl className="stat-tiles">
        <div className="stat stat-main">
          <dt>{tr('totals.value')}</dt>
          <dd className="stat-value">{money(t.value)}</dd>
          <dd className="stat-sub muted">
            {tr('totals.split', { holdings: money(t.holdings), cash: money(t.cash) })}
          </dd>
        </div>
        <div className="stat">
          <dt>{tr('totals.day')}</dt>
          <dd className={`stat-value ${pnlClass(t.dayChange)}`}>{signed(t.dayChange)}</dd>
        </div>
        <div className="stat">
          <dt>{tr('totals.unrealized')}</dt>
          <dd className={`stat-value ${pnlClass(t.unrealizedPnl)}`}>{signed(t.unrealizedPnl)}</dd>
        </div>
        <div className="stat">
          <dt>{tr('totals.realized')}</dt>
          <dd className={`stat-value ${pnlClass(t.realizedPnl)}`}>{signed(t.realizedPnl)}</dd>
        </div>
      </dl>
      <p className="muted small totals-note">
        {tr(`totals.${method}`, { base })}
      </p>
    </section>
  );
});
