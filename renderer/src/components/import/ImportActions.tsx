import { isBusy, useImport } from '../../stores/import.js';

/** Preview, import, or start over with another file. */
export function ImportActions({ onImported }: { onImported(): void }) {
  const { step, file, inspection, report, preview, run, discard } = useImport();
  if (!file || !inspection) return null;
  const busy = isBusy(step);
  return (
    <div className="actions import-actions">
      {inspection.format === 'generic' && (
        <button type="button" className="secondary" onClick={() => void preview()} disabled={busy}>
          Preview import
        </button>
      )}
      {report && (
        <button type="button" className="primary" onClick={() => void run().then((ok) => ok && onImported())} disabled={busy || report.errorCount > 0 || report.fresh === 0}>
          Import {report.fresh} {report.fresh === 1 ? 'activity' : 'activities'}
        </button>
      )}
      <button type="button" className="ghost" onClick={() => void discard()} disabled={busy}>
        Choose another file
      </button>
    </div>
  );
}
