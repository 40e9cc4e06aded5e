import { useTranslation } from 'react-i18next';
import type { ImportMapping } from '../../../../shared/contract/index.js';
import { useImport } from '../../stores/import.js';
import { FIELDS } from './fields.js';

/** One picker per field: which of the file's columns holds it. */
export function ColumnFields({ id, headers, mapping }: { id: string; headers: string[]; mapping: ImportMapping }) {
  const { t } = useTranslation('imports');
  const setColumn = useImport((s) => s.setColumn);
  return (
    <fieldset>
      <legend>{t('columns')}</legend>
      <div className="mapping-grid">
        {FIELDS.map(({ field, label }) => (
          <div className="field" key={field}>
            <label htmlFor={`${id}-col-${field}`}>{label}</label>
            <select id={`${id}-col-${field}`} value={mapping.columns[field] ?? ''} onChange={(e) => setColumn(field, e.target.value)}>
              <option value="">{t('notInFile')}</option>
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
  );
}
