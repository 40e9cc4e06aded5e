import { useId, useState, type FormEvent } from 'react';
import { describeCatalogueError } from '../format/catalogue-errors.js';
import { useCatalogue } from '../stores/catalogue.js';
import { Alert, Status } from './Alert.js';

/** A currency that ISO 4217 does not list (or one removed earlier): code, name, minor unit. */
export function CurrencyAddForm() {
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
    if (!codeOk) return setError('The code is three capital letters, like XAU (ISO 4217 style).');
    if (!name.trim()) return setError('Give the currency a name.');
    if (!muOk) return setError('The minor unit is a whole number of decimal places from 0 to 8.');
    setPending(true);
    setError(null);
    const r = await useCatalogue.getState().addCurrency({ code, name: name.trim(), minorUnit: Number(minorUnit.trim()) });
    setPending(false);
    if (!r.ok) return setError(describeCatalogueError(r.error, code));
    setDone(`Added ${r.data.code} — ${r.data.name}.`);
    setCode('');
    setName('');
    setMinorUnit('2');
  }

  return (
    <form className="add-row" onSubmit={(e) => void add(e)} noValidate aria-label="Add a currency" aria-busy={pending}>
      <div className="field code-field">
        <label htmlFor={`${id}-code`}>Code</label>
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
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} placeholder="Gold (troy ounce)" />
      </div>
      <div className="field mu-field">
        <label htmlFor={`${id}-mu`}>Minor unit</label>
        <input id={`${id}-mu`} type="number" min={0} max={8} step={1} value={minorUnit} onChange={(e) => setMinorUnit(e.target.value)} />
      </div>
      <button type="submit" className="secondary" disabled={pending}>
        Add currency
      </button>
      <div className="add-row-msg">
        <Alert>{error}</Alert>
        <Status>{done}</Status>
      </div>
    </form>
  );
}
