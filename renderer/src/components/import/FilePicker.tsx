import { bytesText } from '../../format/history.js';
import { isBusy, useImport } from '../../stores/import.js';

/** Choosing the file: main's own dialog on the desktop, an upload in the browser; then what the file is. */
export function FilePicker({ id, locale }: { id: string; locale: string }) {
  const { step, file, inspection, inputKey, desktop, chooseInBrowser, chooseOnDesktop } = useImport();
  const busy = isBusy(step);
  return (
    <div className="import-pick">
      {desktop ? (
        <button type="button" className="secondary" onClick={() => void chooseOnDesktop()} disabled={busy}>
          Choose CSV or JSON file…
        </button>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-file`}>CSV file</label>
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
  if (!inspection) return 'reading…';
  if (inspection.format === 'bourse') return 'a Bourse export';
  const below = inspection.suggested.headerLine ? ` (its header is on line ${inspection.suggested.headerLine}; the lines above it are skipped)` : '';
  if (inspection.broker) return `${inspection.broker.label}, recognised from its columns${below}`;
  return `a CSV with ${inspection.headers.length} columns`;
}
