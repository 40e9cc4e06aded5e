import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortfolioSnapshot } from '../../../shared/contract/index.js';
import { pnlClass } from '../format/decimal.js';
import { formatSignedMoney } from '../format/money.js';
import { usePrivacyRedraw } from '../hooks/usePrivacyRedraw.js';
import { minorUnitOf } from '../stores/currencies.js';

/**
 * Realized P&L per calendar year and currency (the figure a tax return asks for). Memoized on its inputs (a price tick
 * leaves them as they were), so it follows privacy mode itself.
 */
export const RealizedByYear = memo(function RealizedByYear({ rows, locale }: { rows: PortfolioSnapshot['realizedByYear']; locale: string }) {
  const { t } = useTranslation('portfolio');
  usePrivacyRedraw();
  if (rows.length === 0) return <p className="muted small">{t('realized.none')}</p>;
  const sorted = [...rows].sort((a, b) => (a.year === b.year ? a.currency.localeCompare(b.currency) : b.year.localeCompare(a.year)));
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="grid compact">
        <caption className="visually-hidden">{t('realizedTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('realized.year')}</th>
            <th scope="col">{t('realized.currency')}</th>
            <th scope="col" className="num">
              {t('realized.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={`${r.year}-${r.currency}`}>
              <th scope="row">{r.year}</th>
              <td>{r.currency}</td>
              <td className={`num ${pnlClass(r.amount)}`}>{formatSignedMoney(r.amount, r.currency, minorUnitOf(r.currency), locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
