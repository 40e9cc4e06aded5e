import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Account, ReportFile, ReportFileRequest } from '../../shared/contract/index.js';
import { taxYearRange } from '../../shared/lots/index.js';
import { writeBytesAtomically } from '../export/bytes-writer.js';
import { writeCsv } from '../export/csv-writer.js';
import type { FileDialogs, FileTransfers } from '../files/transfers.js';
import { incomeCsv, realizedCsv } from './files-csv.js';
import { incomePdf, realizedPdf, type StatementHead } from './files-pdf.js';
import type { ReportService } from './service.js';

export interface ReportFileDeps {
  reports: ReportService;
  accounts: () => Promise<Account[]>;
  transfers: FileTransfers;
  /** Desktop: main's save dialog picks the path. Absent (browser host): the file is offered as a one-time download. */
  dialogs?: FileDialogs | undefined;
  baseCurrency: () => string;
  today: () => string;
}

/**
 * The tax-year reports saved as files through the history export's path (main/export: temp file, fsync, rename;
 * then main's save dialog on the desktop, or a one-time download in the browser host). A report is one read of
 * the activity log, so the file is made in one go rather than streamed with progress events.
 */
export class ReportFiles {
  constructor(private readonly deps: ReportFileDeps) {}

  async save(req: ReportFileRequest): Promise<ReportFile> {
    const d = this.deps;
    const { report, format, ...request } = req;
    const range = taxYearRange(req.year, req.taxYearStart);
    const fileName = `bourse-${report === 'realized' ? 'realized-gains' : 'income'}-${req.year}.${format}`;
    // The figures first: a refused request (a bad tax-year start) asks for no file.
    const accounts = await d.accounts();
    const names = new Map(accounts.map((a) => [a.id, a.name]));
    const name = (id: string) => names.get(id) ?? id;
    const base = d.baseCurrency();
    const made = report === 'realized' ? { realized: await d.reports.realized(request) } : { income: await d.reports.income(request) };

    let target: string;
    if (d.dialogs) {
      const chosen = await d.dialogs.save({
        title: report === 'realized' ? 'Save the realized gains' : 'Save the income report',
        defaultName: fileName,
        filters: format === 'csv' ? [{ name: 'CSV', extensions: ['csv'] }] : [{ name: 'PDF', extensions: ['pdf'] }],
      });
      if (!chosen) return { state: 'cancelled', fileName, bytes: 0, path: null, downloadUrl: null };
      target = chosen;
    } else {
      mkdirSync(d.transfers.exportsDir, { recursive: true, mode: 0o700 });
      target = join(d.transfers.exportsDir, `${randomBytes(12).toString('base64url')}.${format}`);
    }

    let bytes: number;
    if (format === 'csv') {
      const table = made.realized ? realizedCsv(made.realized, base, name) : incomeCsv(made.income!, base, name);
      bytes = (await writeCsv(target, table.columns, table.rows, { bom: true })).bytes;
    } else {
      const covered = req.accountIds?.length ? req.accountIds.map(name).join(', ') : 'all accounts';
      const until = new Date(Date.parse(`${range.until}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const head: StatementHead = {
        title: report === 'realized' ? `Realized gains ${req.year}` : `Income ${req.year}`,
        from: range.from,
        to: until,
        accounts: covered,
        baseCurrency: base,
        madeOn: d.today(),
      };
      const pdf = made.realized ? await realizedPdf(made.realized, head, name) : await incomePdf(made.income!, head, name);
      bytes = (await writeBytesAtomically(target, pdf)).bytes;
    }
    if (d.dialogs) return { state: 'done', fileName, bytes, path: target, downloadUrl: null };
    const contentType = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/pdf';
    return { state: 'done', fileName, bytes, path: null, downloadUrl: d.transfers.offer(target, { name: fileName, contentType, removeAfter: true }) };
  }
}
