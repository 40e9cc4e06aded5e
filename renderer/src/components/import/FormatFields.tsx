import { useTranslation } from 'react-i18next';
import type { ImportMapping } from '../../../../shared/contract/index.js';
import { useImport } from '../../stores/import.js';
import { DATE_FORMATS, ORDER_TEXT } from './fields.js';

/** How the file writes dates and numbers, its delimiter and encoding, and the defaults for what it leaves out. */
export function FormatFields({ id, mapping, dateEvidence }: { id: string; mapping: ImportMapping; dateEvidence: string | null }) {
  const { t } = useTranslation('imports');
  const setOption = useImport((s) => s.setOption);
  return (
    <fieldset>
      <legend>{t('formats')}</legend>
      <div className="mapping-grid">
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('dateFormat')}</label>
          <select id={`${id}-date`} value={mapping.dateFormat} onChange={(e) => setOption('dateFormat', e.target.value as ImportMapping['dateFormat'])} aria-describedby={`${id}-date-why`}>
            {DATE_FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-dec`}>{t('decimal')}</label>
          <select id={`${id}-dec`} value={mapping.decimalSeparator} onChange={(e) => setOption('decimalSeparator', e.target.value as '.' | ',')}>
            <option value=".">{t('point', { example: '1.5' })}</option>
            <option value=",">{t('comma', { example: '1,5' })}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-thou`}>{t('thousands')}</label>
          <select id={`${id}-thou`} value={mapping.thousandsSeparator} onChange={(e) => setOption('thousandsSeparator', e.target.value as ImportMapping['thousandsSeparator'])}>
            <option value="">{t('none', { example: '1000' })}</option>
            <option value=",">{t('comma', { example: '1,000' })}</option>
            <option value=".">{t('point', { example: '1.000' })}</option>
            <option value=" ">{t('space', { example: '1 000' })}</option>
            <option value="'">{t('apostrophe', { example: "1'000" })}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-delim`}>{t('delimiter')}</label>
          <select id={`${id}-delim`} value={mapping.delimiter} onChange={(e) => setOption('delimiter', e.target.value as ImportMapping['delimiter'])}>
            <option value=",">{t('commaOnly')}</option>
            <option value=";">{t('semicolon')}</option>
            <option value={'\t'}>{t('tab')}</option>
            <option value="|">{t('bar')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-enc`}>{t('encoding')}</label>
          <select id={`${id}-enc`} value={mapping.encoding} onChange={(e) => setOption('encoding', e.target.value as ImportMapping['encoding'])}>
            <option value="utf-8">UTF-8</option>
            <option value="windows-1252">{t('western')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-cur`}>{t('defaultCurrency')}</label>
          <input id={`${id}-cur`} value={mapping.defaultCurrency ?? ''} maxLength={3} placeholder="EUR" onChange={(e) => setOption('defaultCurrency', e.target.value.toUpperCase() || undefined)} />
        </div>
      </div>
      <p id={`${id}-date-why`} className="small muted">
        {dateEvidence ? t('datesRead', { order: ORDER_TEXT[mapping.dateFormat], evidence: dateEvidence }) : t('datesAssumed')} {t('datesAlike')}
      </p>
      <label className="check">
        <input type="checkbox" checked={mapping.typeFromSign ?? false} onChange={(e) => setOption('typeFromSign', e.target.checked || undefined)} /> {t('typeFromSign')}
      </label>
    </fieldset>
  );
}
