import { Trans, useTranslation } from 'react-i18next';
import { useEffect, useId } from 'react';
import { ActivityType, type HistoryEntry, type HistoryFilter } from '../../../shared/contract/index.js';
import { Alert } from '../components/Alert.js';
import { BackupPanel } from '../components/BackupPanel.js';
import { HistoryExport } from '../components/HistoryExport.js';
import { HistoryImport } from '../components/HistoryImport.js';
import { HistoryTable } from '../components/HistoryTable.js';
import { HealthLink } from '../components/HealthLink.js';
import { errorText } from '../format/errors.js';
import { entriesText, flowClass, formatDay, money, TYPE_LABEL } from '../format/history.js';
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
  const { t } = useTranslation(['history', 'nav']);
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
  // The type filter's one value: a type, or every leg of a transfer between accounts (cash and units, by marker).
  const type = filter.transfers ? TRANSFERS : (filter.types?.[0] ?? '');
  const pickType = (value: string) =>
    set(value === TRANSFERS ? { types: undefined, transfers: true } : { types: value ? [value as HistoryEntry['type']] : undefined, transfers: undefined });
  const m = (v: string | undefined) => (v === undefined ? '—' : money(v, base, minorUnitOf(base), locale).replace(/^\+/, ''));

  return (
    <>
      <div className="page-head">
        <h1>{t('nav:pages.history')}</h1>
        <p className="muted">{t('intro', { base })}</p>
      </div>

      <AccountPicker value={filter.accountIds ?? []} onChange={(ids) => set({ accountIds: ids.length ? ids : undefined })} />
      <section className="card history-filters" aria-label={t('filters')}>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor={`${id}-from`}>{t('from')}</label>
            <input id={`${id}-from`} type="date" value={filter.from ?? ''} max={filter.to} onChange={(e) => set({ from: e.target.value || undefined })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>{t('to')}</label>
            <input id={`${id}-to`} type="date" value={filter.to ?? ''} min={filter.from} onChange={(e) => set({ to: e.target.value || undefined })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-type`}>{t('type')}</label>
            <select id={`${id}-type`} value={type} onChange={(e) => pickType(e.target.value)}>
              <option value="">{t('allTypes')}</option>
              {FILTER_TYPES.map((type) => (
                <option key={type} value={type}>
                  {TYPE_LABEL[type]}
                </option>
              ))}
              <option value={TRANSFERS}>{t('transfersFilter')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-symbol`}>{t('instrument')}</label>
            <select id={`${id}-symbol`} value={filter.symbol ?? ''} onChange={(e) => set({ symbol: e.target.value || undefined })}>
              <option value="">{t('allInstruments')}</option>
              {facets.symbols.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-currency`}>{t('currency')}</label>
            <select id={`${id}-currency`} value={filter.currency ?? ''} onChange={(e) => set({ currency: e.target.value || undefined })}>
              <option value="">{t('allCurrencies')}</option>
              {facets.currencies.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </div>
          <div className="field search-field">
            <label htmlFor={`${id}-search`}>{t('search')}</label>
            <input id={`${id}-search`} type="search" defaultValue={filter.search ?? ''} key={filter.search === undefined ? 'empty' : 'set'} placeholder={t('searchPlaceholder')} onChange={(e) => debounceSearch(e.target.value)} />
          </div>
          <div className="field clear-field">
            <button type="button" className="ghost" onClick={() => useHistory.getState().clearFilter()} disabled={Object.keys(filter).length === 0}>
              {t('clear')}
            </button>
          </div>
        </div>
      </section>

      <section className="history-totals" aria-label={t('totals')}>
        <dl className="totals-grid">
          <div className="total">
            <dt>{t('entries')}</dt>
            <dd>{summary ? entriesText(summary.entries, locale) : '…'}</dd>
          </div>
          <div className="total">
            <dt>{t('in')}</dt>
            <dd className={flowClass(summary?.in, 'in')}>{m(summary?.in)}</dd>
          </div>
          <div className="total">
            <dt>{t('out')}</dt>
            <dd className={flowClass(summary?.out, 'out')}>{m(summary?.out)}</dd>
          </div>
          <div className="total">
            <dt>{t('fees')}</dt>
            <dd>{m(summary?.fees)}</dd>
          </div>
          <div className="total">
            <dt>{t('net')}</dt>
            <dd>{summary ? money(summary.net, base, minorUnitOf(base), locale) : '—'}</dd>
          </div>
        </dl>
        <p className="small muted totals-note">
          {summary?.firstDate && summary.lastDate ? `${formatDay(summary.firstDate, locale)} – ${formatDay(summary.lastDate, locale)}. ` : ''}
          {t('eachAt', { base })}
          {summary && summary.transfers > 0 && t('transfersLeftOut', { count: summary.transfers, entries: entriesText(summary.transfers, locale) })}
          {summary?.carried.map((c) => (
            <span key={`${c.currency} ${c.rateDate}`}>
              <Trans
                t={t}
                i18nKey="carried"
                count={c.entries}
                values={{ entries: entriesText(c.entries, locale), currency: c.currency, date: formatDay(c.rateDate, locale) }}
                components={{ 1: <HealthLink target={`${c.currency}-${base}`} /> }}
              />
            </span>
          ))}
          {summary && summary.unconverted.entries > 0 && (
            <span>
              {t('unconvertedIn', { entries: entriesText(summary.unconverted.entries, locale) })}
              {summary.unconverted.currencies.map((cur, i) => (
                <span key={cur}>
                  {i > 0 && ', '}
                  <HealthLink target={`${cur}-${base}`}>{cur}</HealthLink>
                </span>
              ))}
              {t('unconverted', { count: summary.unconverted.entries })}
            </span>
          )}
        </p>
      </section>

      <section className="card history-list" aria-labelledby={`${id}-list`}>
        <div className="list-head history-head">
          <h2 id={`${id}-list`} className="card-title">
            {t('list')}
          </h2>
          <HistoryExport locale={locale} />
        </div>
        <Alert>{error && errorText(error)}</Alert>
        <HistoryTable locale={locale} base={base} />
      </section>

      <div className="history-tools">
        <HistoryImport locale={locale} onImported={() => void useHistory.getState().refresh().then(() => useHistory.getState().loadFacets())} />
        <BackupPanel locale={locale} />
      </div>
    </>
  );
}

/** The type filter's value for the legs of transfers between accounts (HistoryFilter.transfers). */
const TRANSFERS = 'transfers';
/**
 * The types the filter offers: transfers of units are offered with the cash ones, as one "Transfers between
 * accounts" (the rows of both read "Transfer out" and "Transfer in").
 */
const FILTER_TYPES = ActivityType.options.filter((type) => type !== 'transfer-out' && type !== 'transfer-in');

let searchTimer: ReturnType<typeof setTimeout> | null = null;
function debounceSearch(value: string): void {
  if (searchTimer) clearTimeout(searchTimer);
  searchTimer = setTimeout(() => useHistory.getState().setFilter({ search: value || undefined }), 250);
}
