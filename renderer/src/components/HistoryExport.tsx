import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { errorText } from '../format/errors.js';
import { bytesText, entriesText } from '../format/history.js';
import { useHistory } from '../stores/history.js';
import { Alert, Status } from './Alert.js';

/**
 * Export of what the list shows (its filter and sort) to CSV or JSON. Long exports show a progress bar with a
 * cancel button; on the desktop main asks where to save first, in the browser the finished file is a download.
 */
export function HistoryExport({ locale }: { locale: string }) {
  const { t } = useTranslation('history');
  const job = useHistory((s) => s.exportJob);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [everything, setEverything] = useState(false);
  const running = job?.state === 'running';

  async function start(format: 'csv' | 'json') {
    setError(null);
    setStarting(true);
    const r = await useHistory.getState().startExport(format, everything);
    setStarting(false);
    if (!r.ok) setError(errorText(r.error));
  }

  return (
    <div className="export-box">
      <div className="actions">
        <label className="check export-scope">
          <input type="checkbox" checked={everything} onChange={(e) => setEverything(e.target.checked)} /> {t('export.everything')}
        </label>
        <button type="button" className="secondary" onClick={() => void start('csv')} disabled={running || starting}>
          {t('export.csv')}
        </button>
        <button type="button" className="secondary" onClick={() => void start('json')} disabled={running || starting}>
          {t('export.json')}
        </button>
      </div>
      <p className="hint">{t('export.notice')}</p>
      {running && job && (
        <div className="export-progress">
          <progress aria-label={t('export.progress')} max={Math.max(job.total, 1)} value={job.rows} />
          <span className="small">
            {t('export.of', { rows: entriesText(job.rows, locale), total: new Intl.NumberFormat(locale).format(job.total), bytes: bytesText(job.bytes, locale) })}
          </span>
          <button type="button" className="ghost" onClick={() => void useHistory.getState().cancelExport()}>
            {t('export.cancel')}
          </button>
        </div>
      )}
      {job?.state === 'done' && job.downloadUrl && (
        <p className="export-done">
          {t('export.exported', { rows: entriesText(job.rows, locale), bytes: bytesText(job.bytes, locale) })}{' '}
          <a href={job.downloadUrl} download={job.fileName} onClick={() => setTimeout(() => useHistory.getState().setExport(null), 0)}>
            {t('export.download', { file: job.fileName })}
          </a>
        </p>
      )}
      <Status>
        {job?.state === 'done' && job.path
          ? t('export.saved', { rows: entriesText(job.rows, locale), path: job.path })
          : job?.state === 'cancelled'
            ? t('export.cancelled')
            : null}
      </Status>
      <Alert>{job?.state === 'failed' ? t('export.failed', { reason: job.error ?? t('export.unknown') }) : error}</Alert>
    </div>
  );
}
