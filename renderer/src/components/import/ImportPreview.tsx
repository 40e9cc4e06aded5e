import type { ImportReport } from '../../../../shared/contract/index.js';
import { formatDay, formatPlainNumber, formatStoredQuantity, TYPE_LABEL } from '../../format/history.js';
import { formatMoney } from '../../format/money.js';
import { minorUnitOf } from '../../stores/currencies.js';
import { UnknownInstruments } from './UnknownInstruments.js';

/** What an import would do: the counts, what was read differently from the header, unknown instruments, errors, rows. */
export function ImportPreview({ id, report, locale }: { id: string; report: ImportReport; locale: string }) {
  const n = (x: number) => new Intl.NumberFormat(locale).format(x);
  const unknown = report.unknownInstruments ?? [];
  // Rows of unknown instruments are listed once, by instrument, instead of one error each.
  const errors = unknown.length ? report.errors.filter((e) => !(e.code === 'NOT_FOUND' && e.field === 'instrument')) : report.errors;
  const notes = readNotes(report, n);
  return (
    <div className="import-preview">
      <p className={report.errorCount ? 'preview-summary bad' : 'preview-summary'} role="status">
        {summaryText(report, n)}
      </p>
      {notes.length > 0 && (
        <ul className="import-notes small" aria-label="How the file was read">
          {notes.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      )}
      <UnknownInstruments id={id} unknown={unknown} />
      {errors.length > 0 && (
        <section aria-label="Import errors" className="import-errors">
          <ul>
            {errors.map((e, i) => (
              <li key={i}>{e.message.startsWith('Line ') ? e.message : `Line ${e.line}: ${e.message}`}</li>
            ))}
          </ul>
          {report.errorCount > report.errors.length && <p className="small muted">…and {n(report.errorCount - report.errors.length)} more.</p>}
        </section>
      )}
      {report.sample.length > 0 && (
        <div className="table-scroll" tabIndex={0}>
          <table className="entries" aria-label="Import preview">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Status</th>
                <th scope="col">Date</th>
                <th scope="col">Type</th>
                <th scope="col">Instrument</th>
                <th scope="col" className="num">
                  Quantity
                </th>
                <th scope="col" className="num">
                  Price
                </th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {report.sample.map((r) => (
                <tr key={r.line}>
                  <td>{r.line}</td>
                  <td>{r.duplicate ? 'Already imported' : 'New'}</td>
                  <td>{formatDay(r.date, locale)}</td>
                  <td>{TYPE_LABEL[r.type]}</td>
                  <td>{r.symbol ?? ''}</td>
                  <td className="num">{r.quantity ? formatStoredQuantity(r.quantity, locale) : ''}</td>
                  <td className="num">{r.price ? formatPlainNumber(r.price, locale) : ''}</td>
                  <td className="num">{/^\d+(\.\d+)?$/.test(r.amount) && r.currency ? formatMoney(r.amount, r.currency, minorUnitOf(r.currency), locale) : `${r.amount} ${r.currency}`}</td>
                  <td className="note-cell">{r.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.rows > report.sample.length && <p className="small muted">The first {report.sample.length} rows in import order.</p>}
        </div>
      )}
    </div>
  );
}

function summaryText(report: ImportReport, n: (x: number) => string): string {
  const unknownRows = (report.unknownInstruments ?? []).reduce((sum, u) => sum + u.rows, 0);
  if (report.errorCount > 0 && unknownRows === report.errorCount) {
    return `${n(report.rows)} rows: ${n(unknownRows)} name ${unknownRows === 1 ? 'an instrument' : 'instruments'} your catalogue does not have. Match or add them below; nothing is imported until every row checks out.`;
  }
  if (report.errorCount > 0) {
    return `${n(report.rows)} rows: ${n(report.errorCount)} ${report.errorCount === 1 ? 'row has an error' : 'rows have errors'}. Nothing will be imported until the file is fixed.`;
  }
  if (report.fresh === 0 && report.duplicates > 0) return `${n(report.rows)} rows, all already in your history: nothing new to import.`;
  return `${n(report.rows)} rows: ${n(report.fresh)} new, ${n(report.duplicates)} already in your history.`;
}

/** Sentences for what was read other than line by line under the header. */
function readNotes(report: ImportReport, n: (x: number) => string): string[] {
  const out: string[] = [];
  const w = report.widened;
  if (w) out.push(`${w.lines === 1 ? 'One line has' : `${n(w.lines)} lines have`} more fields than the header (first on line ${w.firstLine}): read by the header’s columns, the extra fields ignored.`);
  for (const s of report.skipped ?? []) out.push(`${n(s.rows)} “${s.type}” ${s.rows === 1 ? 'row is' : 'rows are'} not an activity Bourse records: skipped.`);
  const other = report.otherCurrencyFigures ?? 0;
  if (other > 0) out.push(`${other === 1 ? 'One trade gives' : `${n(other)} trades give`} a total or fee in another currency than the instrument’s: recorded from price and quantity, without that figure.`);
  return out;
}
