import { useEffect, useId, useRef, useState } from 'react';
import type { FileRef, ImportField, ImportMapping, ImportPreset, ImportReport, Response } from '../../../shared/contract/index.js';
import { api, call } from '../api/client.js';
import { isDesktop, upload } from '../api/files.js';
import { SubmissionKeys } from '../api/submission.js';
import { bytesText, formatDay, formatPlainNumber, TYPE_LABEL } from '../format/history.js';
import { formatMoney } from '../format/money.js';
import { minorUnitOf } from '../stores/currencies.js';
import { Alert, Status } from './Alert.js';

type Inspection = Response<'import:inspect'>;

const FIELDS: { field: ImportField; label: string }[] = [
  { field: 'date', label: 'Date column' },
  { field: 'type', label: 'Type column' },
  { field: 'instrument', label: 'Instrument column' },
  { field: 'quantity', label: 'Quantity column' },
  { field: 'price', label: 'Price column' },
  { field: 'currency', label: 'Currency column' },
  { field: 'amount', label: 'Amount column' },
  { field: 'fee', label: 'Fee column' },
  { field: 'note', label: 'Note column' },
  { field: 'toCurrency', label: 'Received currency column' },
  { field: 'toAmount', label: 'Received amount column' },
  { field: 'externalId', label: 'Transaction id column' },
];

const DATE_FORMATS: ImportMapping['dateFormat'][] = ['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD-MM-YYYY', 'YYYY/MM/DD'];

type Phase = 'reading' | 'checking' | 'writing';

/**
 * Import activities from a CSV: Bourse's own export goes straight to the preview; a broker's file first gets a
 * column mapping (suggested from its headers and the user's locale, saved as a named preset). The preview checks
 * every row exactly as the import will, lists errors by line, and the import is all rows or none.
 */
export function HistoryImport({ locale, onImported }: { locale: string; onImported(): void }) {
  const id = useId();
  const [file, setFile] = useState<FileRef | null>(null);
  const [inspection, setInspection] = useState<Inspection | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState<Phase | 'uploading' | null>(null);
  const [progress, setProgress] = useState<{ phase: Phase; bytes: number; totalBytes: number; rows: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [presets, setPresets] = useState<ImportPreset[]>([]);
  const [presetName, setPresetName] = useState('');
  const [chosenPreset, setChosenPreset] = useState('');
  const keys = useRef(new SubmissionKeys());
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void call('import:presets', {}).then((r) => r.ok && setPresets(r.data));
    return api.on('import:progress', (p) => setProgress((cur) => (file && p.fileId === file.fileId ? { ...p } : cur)));
  }, [file]);

  function clearResults() {
    setReport(null);
    setError(null);
    setDone(null);
  }

  async function take(ref: FileRef) {
    setFile(ref);
    clearResults();
    const r = await call('import:inspect', { fileId: ref.fileId });
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setInspection(r.data);
    setMapping(r.data.format === 'generic' ? r.data.suggested : null);
    if (r.data.format === 'bourse') await preview(ref, null);
  }

  async function chooseInBrowser(f: File | undefined) {
    if (!f) return;
    setBusy('uploading');
    setDone(null);
    const r = await upload(f);
    setBusy(null);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    await take(r.data);
  }

  async function chooseOnDesktop() {
    const r = await call('files:pick', { purpose: 'import' });
    if (!r.ok) setError(r.error.message);
    else if (r.data.file) await take(r.data.file);
  }

  async function preview(ref: FileRef | null = file, m: ImportMapping | null = mapping) {
    if (!ref) return;
    clearResults();
    setBusy('checking');
    const r = await call('import:preview', { fileId: ref.fileId, ...(m ? { mapping: m } : {}) });
    setBusy(null);
    setProgress(null);
    if (r.ok) setReport(r.data);
    else setError(r.error.message);
  }

  async function run() {
    if (!file || !report) return;
    setError(null);
    setBusy('writing');
    const idempotencyKey = keys.current.keyFor(`import:${file.fileId}:${JSON.stringify(mapping)}`);
    const r = await call('import:run', { fileId: file.fileId, ...(mapping ? { mapping } : {}), idempotencyKey });
    keys.current.settle(r.ok || r.error.code !== 'NETWORK');
    setBusy(null);
    setProgress(null);
    if (!r.ok) {
      const rejected = r.error.details?.report as ImportReport | undefined;
      if (rejected) setReport(rejected);
      setError(r.error.code === 'CANCELLED' ? 'Import cancelled: nothing was imported.' : r.error.message);
      return;
    }
    setDone(`Imported ${r.data.imported} ${r.data.imported === 1 ? 'activity' : 'activities'}${r.data.duplicates ? ` (${r.data.duplicates} already in your history, skipped)` : ''}.`);
    setReport(null);
    setInspection(null);
    setFile(null);
    if (fileInput.current) fileInput.current.value = '';
    onImported();
  }

  async function discard() {
    if (file) await call('files:discard', { fileId: file.fileId });
    setFile(null);
    setInspection(null);
    setMapping(null);
    clearResults();
    if (fileInput.current) fileInput.current.value = '';
  }

  async function savePreset() {
    if (!mapping || !presetName.trim()) return;
    const r = await call('import:savePreset', { name: presetName.trim(), mapping });
    if (!r.ok) return setError(r.error.message);
    setPresets((ps) => [...ps.filter((p) => p.name.toLowerCase() !== r.data.name.toLowerCase()), r.data].sort((a, b) => a.name.localeCompare(b.name)));
    setChosenPreset(r.data.name);
    setDone(`Preset “${r.data.name}” saved.`);
  }

  async function deletePreset() {
    if (!chosenPreset) return;
    const r = await call('import:deletePreset', { name: chosenPreset });
    if (r.ok) {
      setPresets((ps) => ps.filter((p) => p.name !== chosenPreset));
      setChosenPreset('');
    }
  }

  function applyPreset(name: string) {
    setChosenPreset(name);
    const p = presets.find((x) => x.name === name);
    if (p) {
      setMapping(p.mapping);
      setPresetName(p.name);
      setReport(null);
    }
  }

  const setColumn = (field: ImportField, header: string) => {
    if (!mapping) return;
    const columns = { ...mapping.columns };
    if (header) columns[field] = header;
    else delete columns[field];
    setMapping({ ...mapping, columns });
    setReport(null);
  };
  const setOption = <K extends keyof ImportMapping>(k: K, v: ImportMapping[K]) => {
    if (!mapping) return;
    const next = { ...mapping, [k]: v };
    if (v === undefined || v === '') delete next[k];
    setMapping(next);
    setReport(null);
  };

  const headers = inspection?.headers ?? [];
  const running = busy !== null;

  return (
    <section className="card import-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        Import activities
      </h2>
      <p className="muted">
        A CSV exported by Bourse comes back exactly; a broker&rsquo;s CSV is read through a column mapping. Nothing is
        imported until every row checks out, and rows already in your history are skipped.
      </p>
      <div className="import-pick">
        {isDesktop() ? (
          <button type="button" className="secondary" onClick={() => void chooseOnDesktop()} disabled={running}>
            Choose CSV file…
          </button>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-file`}>CSV file</label>
            <input ref={fileInput} id={`${id}-file`} type="file" accept=".csv,.txt,text/csv" disabled={running} onChange={(e) => void chooseInBrowser(e.target.files?.[0])} />
          </div>
        )}
        {file && (
          <p className="small">
            <strong>{file.name}</strong> · {bytesText(file.bytes, locale)} · {inspection ? (inspection.format === 'bourse' ? 'a Bourse export' : `a CSV with ${inspection.headers.length} columns`) : 'reading…'}
          </p>
        )}
      </div>

      {inspection?.format === 'generic' && mapping && (
        <div className="mapping">
          <div className="preset-row">
            <div className="field">
              <label htmlFor={`${id}-preset`}>Preset</label>
              <select id={`${id}-preset`} value={chosenPreset} onChange={(e) => applyPreset(e.target.value)}>
                <option value="">{presets.length ? 'Choose a saved mapping…' : 'No saved mappings yet'}</option>
                {presets.map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-preset-name`}>Preset name</label>
              <input id={`${id}-preset-name`} value={presetName} maxLength={60} onChange={(e) => setPresetName(e.target.value)} placeholder="My broker" />
            </div>
            <div className="actions">
              <button type="button" className="secondary" onClick={() => void savePreset()} disabled={!presetName.trim()}>
                Save preset
              </button>
              {chosenPreset && (
                <button type="button" className="ghost" onClick={() => void deletePreset()}>
                  Delete preset
                </button>
              )}
            </div>
          </div>
          <fieldset>
            <legend>Columns</legend>
            <div className="mapping-grid">
              {FIELDS.map(({ field, label }) => (
                <div className="field" key={field}>
                  <label htmlFor={`${id}-col-${field}`}>{label}</label>
                  <select id={`${id}-col-${field}`} value={mapping.columns[field] ?? ''} onChange={(e) => setColumn(field, e.target.value)}>
                    <option value="">(not in the file)</option>
                    {headers.map((h) => (
                      <option key={h} value={h}>
                        {h}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>Formats</legend>
            <div className="mapping-grid">
              <div className="field">
                <label htmlFor={`${id}-date`}>Date format</label>
                <select id={`${id}-date`} value={mapping.dateFormat} onChange={(e) => setOption('dateFormat', e.target.value as ImportMapping['dateFormat'])}>
                  {DATE_FORMATS.map((f) => (
                    <option key={f} value={f}>
                      {f}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-dec`}>Decimal separator</label>
                <select id={`${id}-dec`} value={mapping.decimalSeparator} onChange={(e) => setOption('decimalSeparator', e.target.value as '.' | ',')}>
                  <option value=".">Point (1.5)</option>
                  <option value=",">Comma (1,5)</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-thou`}>Thousands separator</label>
                <select id={`${id}-thou`} value={mapping.thousandsSeparator} onChange={(e) => setOption('thousandsSeparator', e.target.value as ImportMapping['thousandsSeparator'])}>
                  <option value="">None (1000)</option>
                  <option value=",">Comma (1,000)</option>
                  <option value=".">Point (1.000)</option>
                  <option value=" ">Space (1 000)</option>
                  <option value="'">Apostrophe (1&apos;000)</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-delim`}>Delimiter</label>
                <select id={`${id}-delim`} value={mapping.delimiter} onChange={(e) => setOption('delimiter', e.target.value as ImportMapping['delimiter'])}>
                  <option value=",">Comma</option>
                  <option value=";">Semicolon</option>
                  <option value={'\t'}>Tab</option>
                  <option value="|">Vertical bar</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-enc`}>Encoding</label>
                <select id={`${id}-enc`} value={mapping.encoding} onChange={(e) => setOption('encoding', e.target.value as ImportMapping['encoding'])}>
                  <option value="utf-8">UTF-8</option>
                  <option value="windows-1252">Windows-1252 (Western)</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-cur`}>Default currency</label>
                <input id={`${id}-cur`} value={mapping.defaultCurrency ?? ''} maxLength={3} placeholder="EUR" onChange={(e) => setOption('defaultCurrency', e.target.value.toUpperCase() || undefined)} />
              </div>
            </div>
            <label className="check">
              <input type="checkbox" checked={mapping.typeFromSign ?? false} onChange={(e) => setOption('typeFromSign', e.target.checked || undefined)} /> Without a type column,
              a positive amount is a deposit and a negative one a withdrawal
            </label>
          </fieldset>
          {inspection.sample.length > 0 && (
            <div className="table-scroll">
              <table className="entries sample">
                <caption className="small muted">First rows of the file</caption>
                <thead>
                  <tr>
                    {headers.map((h) => (
                      <th key={h} scope="col">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {inspection.sample.map((r, i) => (
                    <tr key={i}>
                      {headers.map((h, j) => (
                        <td key={h}>{r[j]}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}

      {busy && busy !== 'uploading' && progress && (
        <div className="export-progress">
          <progress aria-label="Import progress" max={progress.phase === 'reading' ? Math.max(progress.totalBytes, 1) : Math.max(progress.total, 1)} value={progress.phase === 'reading' ? progress.bytes : progress.rows} />
          <span className="small">{progress.phase === 'reading' ? `Reading ${bytesText(progress.bytes, locale)} of ${bytesText(progress.totalBytes, locale)}` : `${progress.phase === 'checking' ? 'Checking' : 'Importing'} row ${new Intl.NumberFormat(locale).format(progress.rows)} of ${new Intl.NumberFormat(locale).format(progress.total)}`}</span>
          <button type="button" className="ghost" onClick={() => file && void call('import:cancel', { fileId: file.fileId })}>
            Cancel import
          </button>
        </div>
      )}
      {busy === 'uploading' && <p className="muted small">Sending the file to Bourse…</p>}

      {file && inspection && (
        <div className="actions import-actions">
          {inspection.format === 'generic' && (
            <button type="button" className="secondary" onClick={() => void preview()} disabled={running}>
              Preview import
            </button>
          )}
          {report && (
            <button type="button" className="primary" onClick={() => void run()} disabled={running || report.errorCount > 0 || report.fresh === 0}>
              Import {report.fresh} {report.fresh === 1 ? 'activity' : 'activities'}
            </button>
          )}
          <button type="button" className="ghost" onClick={() => void discard()} disabled={running}>
            Choose another file
          </button>
        </div>
      )}

      {report && <ImportPreview report={report} locale={locale} />}
      <Status>{done}</Status>
      <Alert>{error}</Alert>
    </section>
  );
}

function ImportPreview({ report, locale }: { report: ImportReport; locale: string }) {
  const n = (x: number) => new Intl.NumberFormat(locale).format(x);
  const summary =
    report.errorCount > 0
      ? `${n(report.rows)} rows: ${n(report.errorCount)} ${report.errorCount === 1 ? 'row has an error' : 'rows have errors'}. Nothing will be imported until the file is fixed.`
      : report.fresh === 0 && report.duplicates > 0
        ? `${n(report.rows)} rows, all already in your history: nothing new to import.`
        : `${n(report.rows)} rows: ${n(report.fresh)} new, ${n(report.duplicates)} already in your history.`;
  return (
    <div className="import-preview">
      <p className={report.errorCount ? 'preview-summary bad' : 'preview-summary'} role="status">
        {summary}
      </p>
      {report.errors.length > 0 && (
        <section aria-label="Import errors" className="import-errors">
          <ul>
            {report.errors.map((e, i) => (
              <li key={i}>{e.message.startsWith('Line ') ? e.message : `Line ${e.line}: ${e.message}`}</li>
            ))}
          </ul>
          {report.errorCount > report.errors.length && <p className="small muted">…and {n(report.errorCount - report.errors.length)} more.</p>}
        </section>
      )}
      {report.sample.length > 0 && (
        <div className="table-scroll">
          <table className="entries" aria-label="Import preview">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Status</th>
                <th scope="col">Date</th>
                <th scope="col">Type</th>
                <th scope="col">Instrument</th>
                <th scope="col" className="num">
                  Quantity
                </th>
                <th scope="col" className="num">
                  Price
                </th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {report.sample.map((r) => (
                <tr key={r.line}>
                  <td>{r.line}</td>
                  <td>{r.duplicate ? 'Already imported' : 'New'}</td>
                  <td>{formatDay(r.date, locale)}</td>
                  <td>{TYPE_LABEL[r.type]}</td>
                  <td>{r.symbol ?? ''}</td>
                  <td className="num">{r.quantity ? formatPlainNumber(r.quantity, locale) : ''}</td>
                  <td className="num">{r.price ? formatPlainNumber(r.price, locale) : ''}</td>
                  <td className="num">{/^\d+(\.\d+)?$/.test(r.amount) ? formatMoney(r.amount, r.currency, minorUnitOf(r.currency), locale) : `${r.amount} ${r.currency}`}</td>
                  <td className="note-cell">{r.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.rows > report.sample.length && <p className="small muted">The first {report.sample.length} rows in import order.</p>}
        </div>
      )}
    </div>
  );
}
