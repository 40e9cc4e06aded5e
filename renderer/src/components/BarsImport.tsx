import { useId, useRef, useState, type FormEvent } from 'react';
import { formatDay } from '../format/rates.js';
import { useCatalogue } from '../stores/catalogue.js';
import { Alert, Status } from './Alert.js';

const MAX_BYTES = 20_000_000;

/** Daily bars from a CSV file (date,open,high,low,close,volume), read here as text and sent to main. */
export function BarsImport({ locale }: { locale: string }) {
  const id = useId();
  const instruments = useCatalogue((s) => s.instruments);
  const fileRef = useRef<HTMLInputElement>(null);
  const [symbol, setSymbol] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const chosen = instruments.some((i) => i.symbol === symbol) ? symbol : (instruments[0]?.symbol ?? '');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const file = fileRef.current?.files?.[0];
    if (!chosen) return setError('Add an instrument first.');
    if (!file) return setError('Choose a CSV file.');
    if (file.size > MAX_BYTES) return setError('That file is larger than 20 MB. Split it and import the parts.');
    setPending(true);
    setError(null);
    let csv: string;
    try {
      csv = await file.text();
    } catch {
      setPending(false);
      return setError('The file could not be read.');
    }
    if (csv.trim() === '') {
      setPending(false);
      return setError('The file is empty.');
    }
    const r = await useCatalogue.getState().importBars(chosen, csv);
    setPending(false);
    if (!r.ok) return setError(r.error.message);
    const range = r.data.from && r.data.to ? ` from ${formatDay(r.data.from, locale)} to ${formatDay(r.data.to, locale)}` : '';
    setDone(`Imported ${r.data.rows} ${r.data.rows === 1 ? 'row' : 'rows'} for ${chosen}${range}.`);
    if (fileRef.current) fileRef.current.value = '';
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        Import daily bars from CSV
      </h2>
      <p className="muted small">
        Columns <code>date,open,high,low,close,volume</code>, one trading day per line, dates as <code>YYYY-MM-DD</code>. Days already
        stored are replaced.
      </p>
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate aria-busy={pending}>
        <div className="field">
          <label htmlFor={`${id}-instrument`}>Instrument</label>
          <select id={`${id}-instrument`} value={chosen} onChange={(e) => setSymbol(e.target.value)} disabled={instruments.length === 0}>
            {instruments.length === 0 && <option value="">No instruments yet</option>}
            {instruments.map((i) => (
              <option key={i.id} value={i.symbol}>
                {i.symbol} — {i.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-file`}>CSV file</label>
          <input id={`${id}-file`} ref={fileRef} type="file" accept=".csv,text/csv,text/plain" />
        </div>
        <Alert>{error}</Alert>
        <div className="actions">
          <button type="submit" className="secondary" disabled={pending || instruments.length === 0}>
            Import bars
          </button>
          <Status>{done}</Status>
        </div>
      </form>
    </section>
  );
}
