import type { ImportMapping } from '../../../../shared/contract/index.js';
import { useImport } from '../../stores/import.js';
import { DATE_FORMATS, ORDER_TEXT } from './fields.js';

/** How the file writes dates and numbers, its delimiter and encoding, and the defaults for what it leaves out. */
export function FormatFields({ id, mapping, dateEvidence }: { id: string; mapping: ImportMapping; dateEvidence: string | null }) {
  const setOption = useImport((s) => s.setOption);
  return (
    <fieldset>
      <legend>Formats</legend>
      <div className="mapping-grid">
        <div className="field">
          <label htmlFor={`${id}-date`}>Date format</label>
          <select id={`${id}-date`} value={mapping.dateFormat} onChange={(e) => setOption('dateFormat', e.target.value as ImportMapping['dateFormat'])} aria-describedby={`${id}-date-why`}>
            {DATE_FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
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
      <p id={`${id}-date-why`} className="small muted">
        {dateEvidence ? `Dates are read ${ORDER_TEXT[mapping.dateFormat]}: the file has ${dateEvidence}.` : 'No date in the first rows settles the order of day and month: your language’s order is assumed.'} Dates
        with -, / or . are read alike; a year written first and compact dates (20240301) are read in any format.
      </p>
      <label className="check">
        <input type="checkbox" checked={mapping.typeFromSign ?? false} onChange={(e) => setOption('typeFromSign', e.target.checked || undefined)} /> Without a type column, a
        positive amount is a deposit and a negative one a withdrawal
      </label>
    </fieldset>
  );
}
