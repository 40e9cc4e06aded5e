import { memo, useCallback, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { HoldingView } from '../../../shared/contract/index.js';
import { usePrivacyRedraw } from '../hooks/usePrivacyRedraw.js';
import { useTableRows } from '../hooks/useTableRows.js';
import { HoldingRow, holdingLabels } from './HoldingRow.js';
import { TableRows } from './TableRows.js';

/** A row's height before it is measured (two lines of text; a stale or simulated price's badge adds a third). */
const ROW_HEIGHT = 64;
const COLUMNS = 10;

interface Props {
  holdings: HoldingView[];
  base: string;
  locale: string;
}

/**
 * What is held, valued at the mark (live price, else the last stored close) in its currency and in the base. One
 * memoized row per holding, keyed by symbol: a new snapshot draws again only the rows whose figures changed. Only the
 * rows in view in the table's scroll box are drawn (and a few around them): Chromium lays out and paints a table
 * again as a whole when a row changes, so 200 rows on the page cost every live tick.
 */
export const HoldingsTable = memo(function HoldingsTable({ holdings, base, locale }: Props) {
  const { t } = useTranslation('portfolio');
  const masked = usePrivacyRedraw();
  const labels = useMemo(() => holdingLabels(t), [t]);
  const keyOf = useCallback((i: number) => holdings[i]!.symbol, [holdings]);
  const box = useRef<HTMLDivElement>(null);
  const rows = useTableRows({ box, count: holdings.length, rowHeight: ROW_HEIGHT, keyOf });

  return (
    <div ref={box} className="table-scroll tall" tabIndex={0}>
      <table className="grid holdings" aria-rowcount={holdings.length + 1}>
        <caption className="visually-hidden">{t('holdings')}</caption>
        <thead>
          <tr aria-rowindex={1}>
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
        <TableRows
          rows={rows}
          columns={COLUMNS}
          row={(i) => <HoldingRow holding={holdings[i]!} base={base} locale={locale} t={t} labels={labels} masked={masked} index={i} measure={rows.measure} />}
        />
      </table>
    </div>
  );
});
