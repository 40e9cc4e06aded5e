import { Trans, useTranslation } from 'react-i18next';
import { useId, useRef, useState, type FormEvent } from 'react';
import { errorText } from '../format/errors.js';
import { formatDay } from '../format/rates.js';
import { useCatalogue } from '../stores/catalogue.js';
import { Alert, Status } from './Alert.js';

const MAX_BYTES = 20_000_000;

/** Daily bars from a CSV file (date,open,high,low,close,volume), read here as text and sent to main. */
export function BarsImport({ locale }: { locale: string }) {
  const { t } = useTranslation('market');
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
    if (!chosen) return setError(t('bars.addFirst'));
    if (!file) return setError(t('bars.choose'));
    if (file.size > MAX_BYTES) return setError(t('bars.tooLarge'));
    setPending(true);
    setError(null);
    let csv: string;
    try {
      csv = await file.text();
    } catch {
      setPending(false);
      return setError(t('bars.unreadable'));
    }
    if (csv.trim() === '') {
      setPending(false);
      return setError(t('bars.empty'));
    }
    const r = await useCatalogue.getState().importBars(chosen, csv);
    setPending(false);
    if (!r.ok) return setError(errorText(r.error));
    setDone(
      r.data.from && r.data.to
        ? t('bars.importedRange', { count: r.data.rows, symbol: chosen, from: formatDay(r.data.from, locale), to: formatDay(r.data.to, locale) })
        : t('bars.imported', { count: r.data.rows, symbol: chosen }),
    );
    if (fileRef.current) fileRef.current.value = '';
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {t('bars.title')}
      </h2>
      <p className="muted small">
        <Trans t={t} i18nKey="bars.text" components={{ 1: <code />, 2: <code /> }} />
      </p>
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate aria-busy={pending}>
        <div className="field">
          <label htmlFor={`${id}-instrument`}>{t('bars.instrument')}</label>
          <select id={`${id}-instrument`} value={chosen} onChange={(e) => setSymbol(e.target.value)} disabled={instruments.length === 0}>
            {instruments.length === 0 && <option value="">{t('bars.none')}</option>}
            {instruments.map((i) => (
              <option key={i.id} value={i.symbol}>
                {i.symbol} — {i.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('bars.file')}</label>
          <input id={`${id}-file`} ref={fileRef} type="file" accept=".csv,text/csv,text/plain" />
        </div>
        <Alert>{error}</Alert>
        <div className="actions">
          <button type="submit" className="secondary" disabled={pending || instruments.length === 0}>
            {t('bars.submit')}
          </button>
          <Status>{done}</Status>
        </div>
      </form>
    </section>
  );
}
