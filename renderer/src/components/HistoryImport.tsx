import { useTranslation } from 'react-i18next';
import { useEffect, useId } from 'react';
import { useCatalogue } from '../stores/catalogue.js';
import { useImport } from '../stores/import.js';
import { Alert, Status } from './Alert.js';
import { ColumnFields } from './import/ColumnFields.js';
import { FilePicker } from './import/FilePicker.js';
import { FileSample } from './import/FileSample.js';
import { FormatFields } from './import/FormatFields.js';
import { ImportAccount } from './import/ImportAccount.js';
import { ImportActions } from './import/ImportActions.js';
import { ImportPreview } from './import/ImportPreview.js';
import { ImportProgressBar } from './import/ImportProgressBar.js';
import { PresetRow } from './import/PresetRow.js';
import './import/import.css';

/**
 * Import activities from a CSV (or Bourse's or Ghostfolio's JSON) into the chosen account (a Bourse export's rows go
 * to the accounts they name): Bourse's own export goes straight to the preview; a broker's
 * file first gets a column mapping (the broker's own when its header is recognised, else guessed from its headers,
 * with dates and numbers read off its values; saved as a named preset). The preview checks every row exactly as the
 * import will and lists errors by line; the import is all rows or none. The import's state lives in stores/import.
 */
export function HistoryImport({ locale, onImported }: { locale: string; onImported(): void }) {
  const { t } = useTranslation('history');
  const id = useId();
  const { inspection, mapping, report, done, error, loadPresets } = useImport();
  const loadInstruments = useCatalogue((s) => s.loadInstruments);

  useEffect(() => {
    void loadPresets();
  }, [loadPresets]);
  useEffect(() => {
    if (report?.unknownInstruments?.length) void loadInstruments();
  }, [report, loadInstruments]);

  return (
    <section className="card import-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {t('import.title')}
      </h2>
      <p className="muted">{t('import.intro')}</p>
      <FilePicker id={id} locale={locale} />
      {inspection && <ImportAccount id={id} />}

      {inspection?.format === 'generic' && mapping && (
        <div className="mapping">
          <PresetRow id={id} />
          <ColumnFields id={id} headers={inspection.headers} mapping={mapping} />
          <FormatFields id={id} mapping={mapping} dateEvidence={inspection.dateEvidence ?? null} />
          <FileSample headers={inspection.headers} sample={inspection.sample} />
        </div>
      )}

      <ImportProgressBar locale={locale} />
      <ImportActions onImported={onImported} />
      {report && <ImportPreview id={id} report={report} locale={locale} />}
      <Status>{done}</Status>
      <Alert>{error}</Alert>
    </section>
  );
}
