import { useTranslation } from 'react-i18next';
import { useId, useState } from 'react';
import type { InstrumentView } from '../../../shared/contract/index.js';
import { describeCatalogueError } from '../format/catalogue-errors.js';
import { useCatalogue } from '../stores/catalogue.js';
import { Alert, Status } from './Alert.js';
import { InstrumentForm } from './InstrumentForm.js';

/** Stocks and crypto the profile follows: list, add, edit, remove. */
export function InstrumentCatalogue() {
  const { t } = useTranslation('market');
  const id = useId();
  const { instruments, instrumentsLoaded } = useCatalogue();
  const [editing, setEditing] = useState<InstrumentView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function remove(i: InstrumentView) {
    setError(null);
    setDone(null);
    const r = await useCatalogue.getState().removeInstrument(i.id);
    if (!r.ok) return setError(describeCatalogueError(r.error, i.symbol));
    if (editing?.id === i.id) setEditing(null);
    setDone(t('catalogue.removed', { what: i.symbol }));
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {t('catalogue.instruments')}
      </h2>
      <Alert>{error}</Alert>
      <Status>{done}</Status>
      {!instrumentsLoaded && <p className="muted">{t('catalogue.loadingInstruments')}</p>}
      {instrumentsLoaded && instruments.length === 0 && <p className="muted">{t('catalogue.noInstruments')}</p>}
      {instruments.length > 0 && (
        <div className="table-scroll" tabIndex={0}>
          <table className="grid">
            <caption className="visually-hidden">{t('catalogue.instruments')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('catalogue.symbol')}</th>
                <th scope="col">{t('catalogue.name')}</th>
                <th scope="col">{t('catalogue.class')}</th>
                <th scope="col">{t('catalogue.quote')}</th>
                <th scope="col">{t('catalogue.providerSymbols')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('catalogue.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {instruments.map((i) => (
                <tr key={i.id}>
                  <th scope="row" className="code">
                    {i.symbol}
                  </th>
                  <td>{i.name}</td>
                  <td>{t(`classes.${i.assetClass}`)}</td>
                  <td>{i.quoteCurrency}</td>
                  <td className="mono small">
                    {Object.keys(i.providerSymbols).length === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      Object.entries(i.providerSymbols).map(([k, v]) => <div key={k}>{`${k}=${v}`}</div>)
                    )}
                  </td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="ghost small-btn"
                      aria-label={t('catalogue.editWhat', { what: i.symbol })}
                      onClick={() => {
                        setDone(null);
                        setEditing(i);
                      }}
                    >
                      {t('catalogue.edit')}
                    </button>
                    <button type="button" className="ghost small-btn danger" aria-label={t('catalogue.removeWhat', { what: i.symbol })} onClick={() => void remove(i)}>
                      {t('catalogue.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <InstrumentForm
        key={editing ? `edit-${editing.id}` : 'add'}
        editing={editing}
        onStart={() => {
          setDone(null);
          setError(null);
        }}
        onDone={(message) => {
          setEditing(null);
          setError(null);
          setDone(message || null);
        }}
      />
    </section>
  );
}
