import { i18n } from '../../i18n/index.js';
import { useTranslation } from 'react-i18next';
import { bytesText } from '../../format/history.js';
import { isBusy, useImport } from '../../stores/import.js';

/** Choosing the file: main's own dialog on the desktop, an upload in the browser; then what the file is. */
export function FilePicker({ id, locale }: { id: string; locale: string }) {
  const { t } = useTranslation('imports');
  const { step, file, inspection, inputKey, desktop, chooseInBrowser, chooseOnDesktop } = useImport();
  const busy = isBusy(step);
  return (
    <div className="import-pick">
      {desktop ? (
        <button type="button" className="secondary" onClick={() => void chooseOnDesktop()} disabled={busy}>
          {t('chooseFile')}
        </button>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('file')}</label>
          <input key={inputKey} id={`${id}-file`} type="file" accept=".csv,.txt,.json,text/csv,application/json" disabled={busy} onChange={(e) => void chooseInBrowser(e.target.files?.[0])} />
        </div>
      )}
      {file && (
        <p className="small">
          <strong>{file.name}</strong> · {bytesText(file.bytes, locale)} · {describe(inspection)}
        </p>
      )}
    </div>
  );
}

function describe(inspection: ReturnType<typeof useImport.getState>['inspection']): string {
  if (!inspection) return i18n.t('imports:reading');
  if (inspection.format === 'bourse') return i18n.t('imports:bourse');
  const below = inspection.suggested.headerLine ? i18n.t('imports:below', { line: inspection.suggested.headerLine }) : '';
  if (inspection.broker) return i18n.t('imports:broker', { broker: inspection.broker.label, below });
  return i18n.t('imports:generic', { count: inspection.headers.length });
}
