import { memo, useCallback, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortfolioSnapshot } from '../../../shared/contract/index.js';
import { pnlClass } from '../format/decimal.js';
import { formatSignedMoney } from '../format/money.js';
import { usePrivacyRedraw } from '../hooks/usePrivacyRedraw.js';
import { useTableRows } from '../hooks/useTableRows.js';
import { minorUnitOf } from '../stores/currencies.js';
import { TableRows } from './TableRows.js';

/**
 * Realized P&L per calendar year and currency (the figure a tax return asks for). Memoized on its inputs (a price tick
 * leaves them as they were), so it follows privacy mode itself. Years times currencies can be many rows: only those in
 * view in its scroll box are drawn.
 */
export const RealizedByYear = memo(function RealizedByYear({ rows, locale }: { rows: PortfolioSnapshot['realizedByYear']; locale: string }) {
  const { t } = useTranslation('portfolio');
  usePrivacyRedraw();
  const sorted = useMemo(() => [...rows].sort((a, b) => (a.year === b.year ? a.currency.localeCompare(b.currency) : b.year.localeCompare(a.year))), [rows]);
  const keyOf = useCallback((i: number) => `${sorted[i]!.year}-${sorted[i]!.currency}`, [sorted]);
  const box = useRef<HTMLDivElement>(null);
  const shown = useTableRows({ box, count: sorted.length, rowHeight: 31, keyOf });
  if (rows.length === 0) return <p className="muted small">{t('realized.none')}</p>;
  return (
    <div ref={box} className="table-scroll tall" tabIndex={0}>
      <table className="grid compact" aria-rowcount={sorted.length + 1}>
        <caption className="visually-hidden">{t('realizedTitle')}</caption>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">{t('realized.year')}</th>
            <th scope="col">{t('realized.currency')}</th>
            <th scope="col" className="num">
              {t('realized.amount')}
            </th>
          </tr>
        </thead>
        <TableRows
          rows={shown}
          columns={3}
          row={(i) => {
            const r = sorted[i]!;
            return (
              <tr ref={shown.measure} data-index={i} aria-rowindex={i + 2}>
                <th scope="row">{r.year}</th>
                <td>{r.currency}</td>
                <td className={`num ${pnlClass(r.amount)}`}>{formatSignedMoney(r.amount, r.currency, minorUnitOf(r.currency), locale)}</td>
              </tr>
            );
          }}
        />
      </table>
    </div>
  );
});
