import { memo, useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { HealthLink } from './HealthLink.js';
import type { CashView } from '../../../shared/contract/index.js';
import { isZeroDecimal } from '../format/decimal.js';
import { formatMoney } from '../format/money.js';
import { usePrivacyRedraw } from '../hooks/usePrivacyRedraw.js';
import { useTableRows } from '../hooks/useTableRows.js';
import { minorUnitOf } from '../stores/currencies.js';
import { TableRows } from './TableRows.js';

/**
 * Cash per currency: balance, what open buys hold, what is available, and its value in the base currency. Memoized
 * on its inputs (a price tick leaves the cash as it was), so it follows privacy mode itself.
 */
export const CashTable = memo(function CashTable({ cash, base, locale }: { cash: CashView[]; base: string; locale: string }) {
  const { t } = useTranslation(['wallets', 'common']);
  usePrivacyRedraw();
  const bmu = minorUnitOf(base);
  const keyOf = useCallback((i: number) => cash[i]!.currency, [cash]);
  const box = useRef<HTMLDivElement>(null);
  const rows = useTableRows({ box, count: cash.length, rowHeight: 38, keyOf });
  return (
    <div ref={box} className="table-scroll tall" tabIndex={0}>
      <table className="grid cash" aria-rowcount={cash.length + 1}>
        <caption className="visually-hidden">{t('cash.caption')}</caption>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">{t('cash.currency')}</th>
            <th scope="col" className="num">
              {t('cash.balance')}
            </th>
            <th scope="col" className="num">
              {t('cash.reserved')}
            </th>
            <th scope="col" className="num">
              {t('cash.available')}
            </th>
            <th scope="col" className="num">
              {t('cash.value', { base })}
            </th>
          </tr>
        </thead>
        <TableRows
          rows={rows}
          columns={5}
          row={(i) => {
            const c = cash[i]!;
            const mu = minorUnitOf(c.currency);
            const money = (v: string) => formatMoney(v, c.currency, mu, locale);
            return (
              <tr ref={rows.measure} data-index={i} aria-rowindex={i + 2}>
                <th scope="row">{c.currency}</th>
                <td className="num">{money(c.balance)}</td>
                <td className="num">{isZeroDecimal(c.reserved) ? <span className="muted">—</span> : money(c.reserved)}</td>
                <td className="num">{money(c.available)}</td>
                <td className="num">{c.valueBase === null ? <HealthLink target={`${c.currency}-${base}`}>{t('common:noRate')}</HealthLink> : formatMoney(c.valueBase, base, bmu, locale)}</td>
              </tr>
            );
          }}
        />
      </table>
    </div>
  );
});
