import { useTranslation } from 'react-i18next';
import { useId, useState, type FormEvent } from 'react';
import { describeCatalogueError } from '../format/catalogue-errors.js';
import { useCatalogue } from '../stores/catalogue.js';
import { Alert, Status } from './Alert.js';

/** A currency that ISO 4217 does not list (or one removed earlier): code, name, minor unit. */
export function CurrencyAddForm() {
  const { t } = useTranslation('market');
  const id = useId();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [minorUnit, setMinorUnit] = useState('2');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const codeOk = /^[A-Z]{3}$/.test(code);
  const muOk = /^[0-8]$/.test(minorUnit.trim());

  async function add(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    if (!codeOk) return setError(t('catalogue.codeRule'));
    if (!name.trim()) return setError(t('catalogue.nameRule'));
    if (!muOk) return setError(t('catalogue.minorRule'));
    setPending(true);
    setError(null);
    const r = await useCatalogue.getState().addCurrency({ code, name: name.trim(), minorUnit: Number(minorUnit.trim()) });
    setPending(false);
    if (!r.ok) return setError(describeCatalogueError(r.error, code));
    setDone(t('catalogue.added', { code: r.data.code, name: r.data.name }));
    setCode('');
    setName('');
    setMinorUnit('2');
  }

  return (
    <form className="add-row" onSubmit={(e) => void add(e)} noValidate aria-label={t('catalogue.addCurrency')} aria-busy={pending}>
      <div className="field code-field">
        <label htmlFor={`${id}-code`}>{t('catalogue.code')}</label>
        <input
          id={`${id}-code`}
          value={code}
          onChange={(e) => setCode(e.target.value.toUpperCase().slice(0, 3))}
          autoComplete="off"
          spellCheck={false}
          placeholder="XAU"
        />
      </div>
      <div className="field grow">
        <label htmlFor={`${id}-name`}>{t('catalogue.name')}</label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} placeholder={t('catalogue.namePlaceholder')} />
      </div>
      <div className="field mu-field">
        <label htmlFor={`${id}-mu`}>{t('catalogue.minorUnit')}</label>
        <input id={`${id}-mu`} type="number" min={0} max={8} step={1} value={minorUnit} onChange={(e) => setMinorUnit(e.target.value)} />
      </div>
      <button type="submit" className="secondary" disabled={pending}>
        {t('catalogue.addSubmit')}
      </button>
      <div className="add-row-msg">
        <Alert>{error}</Alert>
        <Status>{done}</Status>
      </div>
    </form>
  );
}
