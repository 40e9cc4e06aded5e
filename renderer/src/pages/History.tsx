import { useEffect, useId } from 'react';
import { ActivityType, type HistoryEntry, type HistoryFilter } from '../../../shared/contract/index.js';
import { Alert } from '../components/Alert.js';
import { BackupPanel } from '../components/BackupPanel.js';
import { HistoryExport } from '../components/HistoryExport.js';
import { HistoryImport } from '../components/HistoryImport.js';
import { HistoryTable } from '../components/HistoryTable.js';
import { HealthLink } from '../components/HealthLink.js';
import { entriesText, formatDay, money, TYPE_LABEL } from '../format/history.js';
import { minorUnitOf, useCurrencies } from '../stores/currencies.js';
import { AccountPicker } from '../components/AccountPicker.js';
import { useHistory } from '../stores/history.js';
import { useSettings } from '../stores/settings.js';
import '../history.css';

/**
 * Everything that happened, in one list: fills of orders, wallet entries and recorded activity, filtered
 * and sorted on the server, shown through a virtualised table; totals of the filtered range in the base currency
 * at each entry's own date; export, import, and the profile's backups.
 */
export function History() {
  const id = useId();
  const settings = useSettings((s) => s.settings);
  const { filter, summary, facets, error } = useHistory();
  const locale = settings.locale;
  const base = summary?.baseCurrency ?? settings.baseCurrency;

  useEffect(() => {
    void useCurrencies.getState().load();
    void useHistory.getState().refresh();
    void useHistory.getState().loadFacets();
  }, [settings.baseCurrency]);

  const set = (patch: Partial<HistoryFilter>) => useHistory.getState().setFilter(patch);
  const type = filter.types?.[0] ?? '';
  const m = (v: string | undefined) => (v === undefined ? '—' : money(v, base, minorUnitOf(base), locale).replace(/^\+/, ''));

  return (
    <>
      <div className="page-head">
        <h1>History</h1>
        <p className="muted">Every fill, wallet entry and recorded activity, with the balance it left and its value in {base} on its own date.</p>
      </div>

      <AccountPicker value={filter.accountIds ?? []} onChange={(ids) => set({ accountIds: ids.length ? ids : undefined })} />
      <section className="card history-filters" aria-label="Filters">
        <div className="filter-grid">
          <div className="field">
            <label htmlFor={`${id}-from`}>From</label>
            <input id={`${id}-from`} type="date" value={filter.from ?? ''} max={filter.to} onChange={(e) => set({ from: e.target.value || undefined })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>To</label>
            <input id={`${id}-to`} type="date" value={filter.to ?? ''} min={filter.from} onChange={(e) => set({ to: e.target.value || undefined })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-type`}>Type</label>
            <select id={`${id}-type`} value={type} onChange={(e) => set({ types: e.target.value ? [e.target.value as HistoryEntry['type']] : undefined })}>
              <option value="">All types</option>
              {ActivityType.options.map((t) => (
                <option key={t} value={t}>
                  {TYPE_LABEL[t]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-symbol`}>Instrument</label>
            <select id={`${id}-symbol`} value={filter.symbol ?? ''} onChange={(e) => set({ symbol: e.target.value || undefined })}>
              <option value="">All instruments</option>
              {facets.symbols.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-currency`}>Currency</label>
            <select id={`${id}-currency`} value={filter.currency ?? ''} onChange={(e) => set({ currency: e.target.value || undefined })}>
              <option value="">All currencies</option>
              {facets.currencies.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </div>
          <div className="field search-field">
            <label htmlFor={`${id}-search`}>Search notes</label>
            <input id={`${id}-search`} type="search" defaultValue={filter.search ?? ''} key={filter.search === undefined ? 'empty' : 'set'} placeholder="rent, salary…" onChange={(e) => debounceSearch(e.target.value)} />
          </div>
          <div className="field clear-field">
            <button type="button" className="ghost" onClick={() => useHistory.getState().clearFilter()} disabled={Object.keys(filter).length === 0}>
              Clear filters
            </button>
          </div>
        </div>
      </section>

      <section className="history-totals" aria-label="Totals">
        <dl className="totals-grid">
          <div className="total">
            <dt>Entries</dt>
            <dd>{summary ? entriesText(summary.entries, locale) : '…'}</dd>
          </div>
          <div className="total">
            <dt>In</dt>
            <dd className="positive">{m(summary?.in)}</dd>
          </div>
          <div className="total">
            <dt>Out</dt>
            <dd className="negative">{m(summary?.out)}</dd>
          </div>
          <div className="total">
            <dt>Fees</dt>
            <dd>{m(summary?.fees)}</dd>
          </div>
          <div className="total">
            <dt>Net</dt>
            <dd>{summary ? money(summary.net, base, minorUnitOf(base), locale) : '—'}</dd>
          </div>
        </dl>
        <p className="small muted totals-note">
          {summary?.firstDate && summary.lastDate ? `${formatDay(summary.firstDate, locale)} – ${formatDay(summary.lastDate, locale)}. ` : ''}
          Each entry in {base} at the rate of its own date.
          {summary?.carried.map((c) => (
            <span key={`${c.currency} ${c.rateDate}`}>
              {` ${entriesText(c.entries, locale)} in `}
              <HealthLink target={`${c.currency}-${base}`}>{c.currency}</HealthLink>
              {` ${c.entries === 1 ? 'has' : 'have'} no rate near ${c.entries === 1 ? 'its' : 'their'} date: valued at the last stored rate, of ${formatDay(c.rateDate, locale)}.`}
            </span>
          ))}
          {summary && summary.unconverted.entries > 0 && (
            <span>
              {` ${entriesText(summary.unconverted.entries, locale)} in `}
              {summary.unconverted.currencies.map((cur, i) => (
                <span key={cur}>
                  {i > 0 && ', '}
                  <HealthLink target={`${cur}-${base}`}>{cur}</HealthLink>
                </span>
              ))}
              {` ${summary.unconverted.entries === 1 ? 'has no stored rate on or before its date and is' : 'have no stored rate on or before their date and are'} not in the totals.`}
            </span>
          )}
        </p>
      </section>

      <section className="card history-list" aria-labelledby={`${id}-list`}>
        <div className="list-head history-head">
          <h2 id={`${id}-list`} className="card-title">
            Entries
          </h2>
          <HistoryExport locale={locale} />
        </div>
        <Alert>{error?.message}</Alert>
        <HistoryTable locale={locale} base={base} />
      </section>

      <div className="history-tools">
        <HistoryImport locale={locale} onImported={() => void useHistory.getState().refresh().then(() => useHistory.getState().loadFacets())} />
        <BackupPanel locale={locale} />
      </div>
    </>
  );
}

let searchTimer: ReturnType<typeof setTimeout> | null = null;
function debounceSearch(value: string): void {
  if (searchTimer) clearTimeout(searchTimer);
  searchTimer = setTimeout(() => useHistory.getState().setFilter({ search: value || undefined }), 250);
}
