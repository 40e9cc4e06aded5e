import { HealthLink } from './HealthLink.js';
import { useVirtualizer } from '@tanstack/react-virtual';
import { pnlClass } from '../format/decimal.js';
import { privacyText } from '../format/privacy.js';
import { t } from '../i18n/index.js';
import { useEffect, useRef, type ReactNode } from 'react';
import type { HistoryEntry, HistorySortColumn } from '../../../shared/contract/index.js';
import { formatDay, formatPlainNumber, formatStoredQuantity, historyNoteless, historyTypeLabel, money, movesCash, SOURCE_LABEL } from '../format/history.js';
import { useAccounts } from '../stores/accounts.js';
import { minorUnitOf } from '../stores/currencies.js';
import { PAGE_SIZE, rowAt, useHistory } from '../stores/history.js';

interface Col {
  id: string;
  label: string;
  sort?: HistorySortColumn;
  num?: boolean;
  cell(e: HistoryEntry, locale: string, base: string): ReactNode;
}

const ROW_HEIGHT = 40;

function columns(base: string, accountName: (id: string) => string): Col[] {
  return [
    { id: 'date', label: t('history:table.date'), sort: 'date', cell: (e, l) => formatDay(e.date, l) },
    { id: 'type', label: t('history:table.type'), sort: 'type', cell: (e) => historyTypeLabel(e) },
    { id: 'instrument', label: t('history:table.instrument'), sort: 'instrument', cell: (e) => e.symbol ?? (e.toCurrency ? `→ ${e.toCurrency}` : '') },
    { id: 'quantity', label: t('history:table.quantity'), sort: 'quantity', num: true, cell: (e, l) => (e.quantity ? formatStoredQuantity(e.quantity, l) : '') },
    { id: 'price', label: t('history:table.price'), sort: 'price', num: true, cell: (e, l) => (e.price ? formatPlainNumber(e.price, l) : '') },
    { id: 'currency', label: t('history:table.currency'), sort: 'currency', cell: (e) => e.currency },
    { id: 'amount', label: t('history:table.amount'), sort: 'amount', num: true, cell: (e, l) => (movesCash(e) ? money(e.amount, e.currency, minorUnitOf(e.currency), l) : '—') },
    { id: 'fee', label: t('history:table.fee'), sort: 'fee', num: true, cell: (e, l) => (e.fee && /[1-9]/.test(e.fee) ? money(e.fee, e.currency, minorUnitOf(e.currency), l).replace(/^\+/, '') : '') },
    { id: 'balance', label: t('history:table.balance'), num: true, cell: (e, l) => (e.balanceAfter ? money(e.balanceAfter, e.currency, minorUnitOf(e.currency), l).replace(/^\+/, '') : '') },
    {
      id: 'base',
      label: t('history:table.inBase', { base }),
      num: true,
      cell: (e, l) => (!movesCash(e) ? '—' : e.baseAmount === null ? <HealthLink target={`${e.currency}-${base}`}>{t('common:noRate')}</HealthLink> : money(e.baseAmount, base, minorUnitOf(base), l)),
    },
    { id: 'note', label: t('history:table.note'), sort: 'note', cell: (e) => (e.note !== null ? privacyText(e.note) : historyNoteless(e, accountName)) },
  ];
}

/**
 * The history as one virtualised table: only the rows in view (and a few around them) are in the DOM, and the
 * pages they need are fetched as they scroll into view, so a million entries scroll like a hundred. The header is
 * the sort control: each sortable column's button toggles the direction, and `aria-sort` says which is active.
 */
export function HistoryTable({ locale, base }: { locale: string; base: string }) {
  const { summary, pages, sort, version } = useHistory();
  const count = summary?.entries ?? 0;
  const parentRef = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count, getScrollElement: () => parentRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = v.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const accounts = useAccounts((s) => s.accounts);
  const accountName = (id: string) => accounts.find((a) => a.id === id)?.name ?? id;
  const cols = columns(base, accountName);

  useEffect(() => {
    if (count === 0) return;
    for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) useHistory.getState().ensurePage(p);
  }, [first, last, count, version]);

  // A new sort or filter starts at the top.
  useEffect(() => {
    parentRef.current?.scrollTo({ top: 0 });
  }, [sort, summary?.entries]);

  return (
    <div role="table" aria-label={t('history:table.label')} aria-rowcount={count + 1} className="htable">
      <div role="rowgroup" className="hhead">
        <div role="row" aria-rowindex={1} className="hrow">
          {cols.map((c) => {
            const active = c.sort !== undefined && sort.column === c.sort;
            return (
              <div
                key={c.id}
                role="columnheader"
                className={`hcell hc-${c.id}${c.num ? ' num' : ''}`}
                aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : c.sort ? 'none' : undefined}
              >
                {c.sort ? (
                  <button type="button" className={`sort${active ? ' active' : ''}`} onClick={() => useHistory.getState().sortBy(c.sort!)}>
                    {c.label}
                    <span aria-hidden="true" className="sort-mark">
                      {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                ) : (
                  c.label
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div ref={parentRef} role="rowgroup" className="hbody" tabIndex={0} aria-label={t('history:table.rows')} style={{ height: Math.max(120, Math.min(560, count * ROW_HEIGHT + 2)) }}>
        {count === 0 && summary && <p className="muted empty-history">{t('history:table.none')}</p>}
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const e = rowAt(pages, item.index);
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className={`hrow${item.index % 2 ? ' odd' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                {e ? (
                  cols.map((c) => (
                    <div key={c.id} role="cell" className={`hcell hc-${c.id}${c.num ? ' num' : ''}${c.id === 'amount' && !e.transfer && movesCash(e) ? ` ${pnlClass(e.amount)}` : ''}`} title={c.id === 'note' ? (e.note !== null ? privacyText(e.note) : historyNoteless(e, accountName) || undefined) : c.id === 'type' ? SOURCE_LABEL[e.source] : undefined}>
                      {c.cell(e, locale, base)}
                    </div>
                  ))
                ) : (
                  <div role="cell" className="hcell loading">
                    {t('history:table.loading')}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
