import { useTranslation } from 'react-i18next';
import { bytesText } from '../../format/history.js';
import { useImport } from '../../stores/import.js';

/** Reading, checking or writing, with a cancel. */
export function ImportProgressBar({ locale }: { locale: string }) {
  const { t } = useTranslation('imports');
  const { step, progress, cancel } = useImport();
  if (step === 'uploading') return <p className="muted small">{t('uploading')}</p>;
  if (!progress || (step !== 'checking' && step !== 'writing')) return null;
  const n = new Intl.NumberFormat(locale);
  const reading = progress.phase === 'reading';
  return (
    <div className="export-progress">
      <progress aria-label={t('progress')} max={reading ? Math.max(progress.totalBytes, 1) : Math.max(progress.total, 1)} value={reading ? progress.bytes : progress.rows} />
      <span className="small">
        {reading
          ? t('readingBytes', { bytes: bytesText(progress.bytes, locale), total: bytesText(progress.totalBytes, locale) })
          : t(progress.phase === 'checking' ? 'checkingRow' : 'importingRow', { row: n.format(progress.rows), total: n.format(progress.total) })}
      </span>
      <button type="button" className="ghost" onClick={() => void cancel()}>
        {t('cancel')}
      </button>
    </div>
  );
}
