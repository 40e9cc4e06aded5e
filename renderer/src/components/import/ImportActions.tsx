import { useTranslation } from 'react-i18next';
import { isBusy, useImport } from '../../stores/import.js';

/** Preview, import, or start over with another file. */
export function ImportActions({ onImported }: { onImported(): void }) {
  const { t } = useTranslation('imports');
  const { step, file, inspection, report, preview, run, discard } = useImport();
  if (!file || !inspection) return null;
  const busy = isBusy(step);
  return (
    <div className="actions import-actions">
      {inspection.format === 'generic' && (
        <button type="button" className="secondary" onClick={() => void preview()} disabled={busy}>
          {t('preview')}
        </button>
      )}
      {report && (
        <button type="button" className="primary" onClick={() => void run().then((ok) => ok && onImported())} disabled={busy || report.errorCount > 0 || report.fresh === 0}>
          {t('run', { count: report.fresh })}
        </button>
      )}
      <button type="button" className="ghost" onClick={() => void discard()} disabled={busy}>
        {t('another')}
      </button>
    </div>
  );
}
