import { bytesText } from '../../format/history.js';
import { useImport } from '../../stores/import.js';

/** Reading, checking or writing, with a cancel. */
export function ImportProgressBar({ locale }: { locale: string }) {
  const { step, progress, cancel } = useImport();
  if (step === 'uploading') return <p className="muted small">Sending the file to Bourse…</p>;
  if (!progress || (step !== 'checking' && step !== 'writing')) return null;
  const n = new Intl.NumberFormat(locale);
  const reading = progress.phase === 'reading';
  return (
    <div className="export-progress">
      <progress aria-label="Import progress" max={reading ? Math.max(progress.totalBytes, 1) : Math.max(progress.total, 1)} value={reading ? progress.bytes : progress.rows} />
      <span className="small">
        {reading
          ? `Reading ${bytesText(progress.bytes, locale)} of ${bytesText(progress.totalBytes, locale)}`
          : `${progress.phase === 'checking' ? 'Checking' : 'Importing'} row ${n.format(progress.rows)} of ${n.format(progress.total)}`}
      </span>
      <button type="button" className="ghost" onClick={() => void cancel()}>
        Cancel import
      </button>
    </div>
  );
}
