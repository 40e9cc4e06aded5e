import { i18n } from '../../i18n/index.js';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../../shared/contract/index.js';
import { formatDay, formatPlainNumber, formatStoredQuantity, TYPE_LABEL } from '../../format/history.js';
import { formatMoney } from '../../format/money.js';
import { privacyQuoted, privacyText } from '../../format/privacy.js';
import { minorUnitOf } from '../../stores/currencies.js';
import { UnknownInstruments } from './UnknownInstruments.js';

/** What an import would do: the counts, what was read differently from the header, unknown instruments, errors, rows. */
export function ImportPreview({ id, report, locale }: { id: string; report: ImportReport; locale: string }) {
  const { t } = useTranslation('imports');
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
        <ul className="import-notes small" aria-label={t('howRead')}>
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <UnknownInstruments id={id} unknown={unknown} />
      {errors.length > 0 && (
        <section aria-label={t('errors')} className="import-errors">
          <ul>
            {errors.map((e, i) => (
              <li key={i}>{e.message.startsWith('Line ') ? privacyQuoted(e.message) : t('lineError', { line: e.line, message: privacyQuoted(e.message) })}</li>
            ))}
          </ul>
          {report.errorCount > report.errors.length && <p className="small muted">{t('more', { count: report.errorCount - report.errors.length })}</p>}
        </section>
      )}
      {report.sample.length > 0 && (
        <div className="table-scroll" tabIndex={0}>
          <table className="entries" aria-label={t('table')}>
            <thead>
              <tr>
                <th scope="col">{t('line')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('date')}</th>
                <th scope="col">{t('type')}</th>
                <th scope="col">{t('instrument')}</th>
                <th scope="col" className="num">
                  {t('quantity')}
                </th>
                <th scope="col" className="num">
                  {t('price')}
                </th>
                <th scope="col" className="num">
                  {t('amount')}
                </th>
                <th scope="col">{t('note')}</th>
              </tr>
            </thead>
            <tbody>
              {report.sample.map((r) => (
                <tr key={r.line}>
                  <td>{r.line}</td>
                  <td>{r.duplicate ? t('already') : t('new')}</td>
                  <td>{formatDay(r.date, locale)}</td>
                  <td>{TYPE_LABEL[r.type]}</td>
                  <td>{r.symbol ?? ''}</td>
                  <td className="num">{r.quantity ? formatStoredQuantity(r.quantity, locale) : ''}</td>
                  <td className="num">{r.price ? formatPlainNumber(r.price, locale) : ''}</td>
                  <td className="num">{/^\d+(\.\d+)?$/.test(r.amount) && r.currency ? formatMoney(r.amount, r.currency, minorUnitOf(r.currency), locale) : privacyText(`${r.amount} ${r.currency}`)}</td>
                  <td className="note-cell">{r.note ? privacyText(r.note) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.rows > report.sample.length && <p className="small muted">{t('firstN', { count: report.sample.length })}</p>}
        </div>
      )}
    </div>
  );
}

function summaryText(report: ImportReport, n: (x: number) => string): string {
  const unknownRows = (report.unknownInstruments ?? []).reduce((sum, u) => sum + u.rows, 0);
  if (report.errorCount > 0 && unknownRows === report.errorCount) {
    return i18n.t('imports:summary.unknown', { rows: n(report.rows), n: n(unknownRows), count: unknownRows });
  }
  if (report.errorCount > 0) {
    return i18n.t('imports:summary.errors', { rows: n(report.rows), n: n(report.errorCount), count: report.errorCount });
  }
  if (report.fresh === 0 && report.duplicates > 0) return i18n.t('imports:summary.allThere', { rows: n(report.rows) });
  return i18n.t('imports:summary.fresh', { rows: n(report.rows), fresh: n(report.fresh), duplicates: n(report.duplicates) });
}

/** Sentences for what was read other than line by line under the header. */
function readNotes(report: ImportReport, n: (x: number) => string): string[] {
  const out: string[] = [];
  const w = report.widened;
  if (w) out.push(i18n.t('imports:notes.widened', { count: w.lines, n: n(w.lines), line: w.firstLine }));
  for (const s of report.skipped ?? []) out.push(i18n.t('imports:notes.skipped', { count: s.rows, n: n(s.rows), type: s.type }));
  const other = report.otherCurrencyFigures ?? 0;
  if (other > 0) out.push(i18n.t('imports:notes.other', { count: other, n: n(other) }));
  for (const a of report.newAccounts ?? []) {
    out.push(i18n.t('imports:notes.newAccount', { name: a.name, kind: i18n.t(`accounts:kinds.${a.kind}`, { defaultValue: a.kind }), method: i18n.t(`accounts:methods.${a.costMethod}`, { defaultValue: a.costMethod }) }));
  }
  const paired = report.pairedByShape ?? 0;
  if (paired > 0) out.push(i18n.t('imports:notes.paired', { count: paired, n: n(paired) }));
  return out;
}
