import { useTranslation } from 'react-i18next';
import { useId, useState } from 'react';
import { useCatalogue } from '../stores/catalogue.js';
import { Alert, Status } from './Alert.js';
import { CurrencyAddForm } from './CurrencyAddForm.js';
import { CurrencyRow } from './CurrencyRow.js';

/** The profile's currencies: ISO 4217 built-ins plus any added; a filter, because the list is long. */
export function CurrencyCatalogue() {
  const { t } = useTranslation('market');
  const id = useId();
  const { currencies, currenciesLoaded } = useCatalogue();
  const [filter, setFilter] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'done'; text: string } | null>(null);
  const q = filter.trim().toLowerCase();
  const shown = q ? currencies.filter((c) => c.code.toLowerCase().includes(q) || c.name.toLowerCase().includes(q)) : currencies;
  const onMessage = (kind: 'error' | 'done', text: string) => setMessage({ kind, text });

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {t('catalogue.currencies')}
      </h2>
      <p className="muted small">{t('catalogue.currenciesText')}</p>
      <CurrencyAddForm />
      <div className="field filter">
        <label htmlFor={`${id}-filter`}>{t('catalogue.filter')}</label>
        <input id={`${id}-filter`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t('catalogue.filterPlaceholder')} />
      </div>
      {message?.kind === 'error' && <Alert>{message.text}</Alert>}
      <Status>{message?.kind === 'done' ? message.text : null}</Status>
      {!currenciesLoaded && <p className="muted">{t('catalogue.loadingCurrencies')}</p>}
      {currenciesLoaded && (
        <div className="table-scroll tall" tabIndex={0}>
          <table className="grid">
            <caption className="visually-hidden">{t('catalogue.shown', { count: shown.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('catalogue.code')}</th>
                <th scope="col">{t('catalogue.name')}</th>
                <th scope="col" className="num">
                  {t('catalogue.minorUnit')}
                </th>
                <th scope="col">{t('catalogue.flags')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('catalogue.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <CurrencyRow key={`${c.code}|${c.name}|${c.minorUnit}`} currency={c} onMessage={onMessage} />
              ))}
            </tbody>
          </table>
          {shown.length === 0 && <p className="muted small">{t('catalogue.noMatch', { filter })}</p>}
        </div>
      )}
    </section>
  );
}
