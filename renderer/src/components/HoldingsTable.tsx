import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { HoldingView } from '../../../shared/contract/index.js';
import { usePrivacyRedraw } from '../hooks/usePrivacyRedraw.js';
import { HoldingRow, holdingLabels } from './HoldingRow.js';

interface Props {
  holdings: HoldingView[];
  base: string;
  locale: string;
}

/**
 * What is held, valued at the mark (live price, else the last stored close) in its currency and in the base. One
 * memoized row per holding, keyed by symbol: a new snapshot draws again only the rows whose figures changed.
 */
export const HoldingsTable = memo(function HoldingsTable({ holdings, base, locale }: Props) {
  const { t } = useTranslation('portfolio');
  const masked = usePrivacyRedraw();
  const labels = useMemo(() => holdingLabels(t), [t]);

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
          {holdings.map((h) => (
            <HoldingRow key={h.symbol} holding={h} base={base} locale={locale} t={t} labels={labels} masked={masked} />
          ))}
        </tbody>
      </table>
    </div>
  );
});
