import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { CurrencyView } from '../../../shared/contract/index.js';
import { describeCatalogueError } from '../format/catalogue-errors.js';
import { useCatalogue } from '../stores/catalogue.js';

/** One currency of the catalogue; Edit turns the row into a small form (name and minor unit), Remove asks main. */
export function CurrencyRow({ currency, onMessage }: { currency: CurrencyView; onMessage(kind: 'error' | 'done', text: string): void }) {
  const { t } = useTranslation('market');
  const c = currency;
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(c.name);
  const [minorUnit, setMinorUnit] = useState(String(c.minorUnit));
  const [pending, setPending] = useState(false);

  async function save() {
    if (!name.trim()) return onMessage('error', t('catalogue.giveName', { code: c.code }));
    if (!/^[0-8]$/.test(minorUnit.trim())) return onMessage('error', t('catalogue.minorRange'));
    setPending(true);
    const r = await useCatalogue.getState().updateCurrency({ code: c.code, name: name.trim(), minorUnit: Number(minorUnit.trim()) });
    setPending(false);
    if (!r.ok) return onMessage('error', describeCatalogueError(r.error, c.code));
    setEditing(false);
    onMessage('done', t('catalogue.saved', { what: r.data.code }));
  }

  async function remove() {
    setPending(true);
    const r = await useCatalogue.getState().removeCurrency(c.code);
    setPending(false);
    if (!r.ok) return onMessage('error', describeCatalogueError(r.error, c.code));
    onMessage('done', t('catalogue.removed', { what: c.code }));
  }

  return (
    <tr>
      <th scope="row" className="code">
        {c.code}
      </th>
      <td>
        {editing ? (
          <input aria-label={t('catalogue.nameOf', { code: c.code })} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
        ) : (
          c.name
        )}
      </td>
      <td className="num">
        {editing ? (
          <input
            className="mu-input"
            aria-label={t('catalogue.minorOf', { code: c.code })}
            type="number"
            min={0}
            max={8}
            step={1}
            value={minorUnit}
            onChange={(e) => setMinorUnit(e.target.value)}
          />
        ) : (
          c.minorUnit
        )}
      </td>
      <td className="flags">
        {c.builtin && <span className="badge">{t('catalogue.builtin')}</span>}
        {c.inUse && <span className="badge badge-live">{t('catalogue.inUse')}</span>}
      </td>
      <td className="row-actions">
        {editing ? (
          <>
            <button type="button" className="secondary small-btn" onClick={() => void save()} disabled={pending} aria-label={t('catalogue.saveWhat', { what: c.code })}>
              {t('catalogue.save')}
            </button>
            <button
              type="button"
              className="ghost small-btn"
              onClick={() => {
                setEditing(false);
                setName(c.name);
                setMinorUnit(String(c.minorUnit));
              }}
              aria-label={t('catalogue.cancelEditing', { what: c.code })}
            >
              {t('catalogue.cancel')}
            </button>
          </>
        ) : (
          <>
            <button type="button" className="ghost small-btn" onClick={() => setEditing(true)} aria-label={t('catalogue.editWhat', { what: c.code })}>
              {t('catalogue.edit')}
            </button>
            <button type="button" className="ghost small-btn danger" onClick={() => void remove()} disabled={pending} aria-label={t('catalogue.removeWhat', { what: c.code })}>
              {t('catalogue.remove')}
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
