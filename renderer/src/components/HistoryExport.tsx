import { useState } from 'react';
import { bytesText, entriesText } from '../format/history.js';
import { useHistory } from '../stores/history.js';
import { Alert, Status } from './Alert.js';

/**
 * Export of what the list shows (its filter and sort) to CSV or JSON. Long exports show a progress bar with a
 * cancel button; on the desktop main asks where to save first, in the browser the finished file is a download.
 */
export function HistoryExport({ locale }: { locale: string }) {
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
    if (!r.ok) setError(r.error.message);
  }

  return (
    <div className="export-box">
      <div className="actions">
        <label className="check export-scope">
          <input type="checkbox" checked={everything} onChange={(e) => setEverything(e.target.checked)} /> Everything, not just the filtered entries
        </label>
        <button type="button" className="secondary" onClick={() => void start('csv')} disabled={running || starting}>
          Export CSV
        </button>
        <button type="button" className="secondary" onClick={() => void start('json')} disabled={running || starting}>
          Export JSON
        </button>
      </div>
      <p className="hint">An export is a plain, unencrypted file: keep it somewhere only you can read.</p>
      {running && job && (
        <div className="export-progress">
          <progress aria-label="Export progress" max={Math.max(job.total, 1)} value={job.rows} />
          <span className="small">
            {entriesText(job.rows, locale)} of {new Intl.NumberFormat(locale).format(job.total)} · {bytesText(job.bytes, locale)}
          </span>
          <button type="button" className="ghost" onClick={() => void useHistory.getState().cancelExport()}>
            Cancel export
          </button>
        </div>
      )}
      {job?.state === 'done' && job.downloadUrl && (
        <p className="export-done">
          {entriesText(job.rows, locale)} exported ({bytesText(job.bytes, locale)}).{' '}
          <a href={job.downloadUrl} download={job.fileName} onClick={() => setTimeout(() => useHistory.getState().setExport(null), 0)}>
            Download {job.fileName}
          </a>
        </p>
      )}
      <Status>
        {job?.state === 'done' && job.path ? `Saved ${entriesText(job.rows, locale)} to ${job.path}.` : job?.state === 'cancelled' ? 'Export cancelled: no file was written.' : null}
      </Status>
      <Alert>{job?.state === 'failed' ? `The export failed: ${job.error ?? 'unknown error'}. No file was written.` : error}</Alert>
    </div>
  );
}
