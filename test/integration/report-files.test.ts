import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, RealizedReport, ReportFile } from '../../shared/contract/index.js';
import { DOWNLOAD_PREFIX } from '../../shared/transport.js';
import { recordTaxYear } from '../support/tax-year.js';
import { tradingApp, type TradingApp } from '../support/trading.js';

let k = 0;
const key = () => `report-file-${process.pid}-${++k}`;

/** The text of a PDF as poppler's pdftotext reads it (layout kept, so a row stays on one line). */
function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

/**
 * report:file over a real profile: the realized-gains and income reports as CSV (read back with csv-parse) and as a
 * PDF statement made with pdf-lib (read back with pdftotext), with the figures worked by hand in reports.test.ts.
 */
describe('report:file', () => {
  let t: TradingApp;
  let broker: Account;
  beforeEach(async () => {
    t = await tradingApp();
    broker = await recordTaxYear(t, key);
  });
  afterEach(async () => t.close());

  /** Saves a report file and returns the path of the file the download address serves. */
  async function save(req: Record<string, unknown>): Promise<{ file: ReportFile; path: string }> {
    const file = await t.call<ReportFile>('report:file', req);
    expect(file.state).toBe('done');
    expect(file.downloadUrl?.startsWith(DOWNLOAD_PREFIX)).toBe(true);
    const offered = t.app.transfers.take(file.downloadUrl!.slice(DOWNLOAD_PREFIX.length));
    return { file, path: offered!.path };
  }

  it('the realized gains as CSV: every closed lot, then the totals', async () => {
    const { file, path } = await save({ report: 'realized', format: 'csv', year: 2024 });
    expect(file.fileName).toBe('bourse-realized-gains-2024.csv');
    const rows = parse(readFileSync(path, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    const lots = rows.filter((r) => r.symbol);
    expect(lots.map((r) => [r.account, r.quantity, r.acquired, r.sold, r.term, r.proceeds, r.cost, r.fees, r.gain, r.baseGain])).toEqual([
      ['Main', '10', '2023-01-04', '2024-06-03', 'long', '1600.00', '1001.00', '1.33', '597.67', '597.67'],
      ['Main', '5', '2024-02-01', '2024-06-03', 'short', '800.00', '750.50', '0.67', '48.83', '48.83'],
      ['Broker', '5', '2024-01-10', '2024-07-01', 'short', '650.00', '600.00', '0.00', '50.00', '50.00'],
    ]);
    const total = rows.find((r) => r.account === 'Total')!;
    expect([total.baseProceeds, total.baseCost, total.baseFees, total.baseGain, total.baseCurrency]).toEqual(['3050.00', '2351.50', '2.00', '696.50', 'USD']);
    expect(rows.find((r) => r.account === 'Short-term gain')!.baseGain).toBe('98.83');
    expect(rows.find((r) => r.account === 'Long-term gain')!.baseGain).toBe('597.67');
  });

  it('the income report of one account as CSV', async () => {
    const { path } = await save({ report: 'income', format: 'csv', year: 2024, accountIds: [broker.id] });
    const rows = parse(readFileSync(path, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.filter((r) => r.date).map((r) => [r.account, r.date, r.type, r.symbol, r.amount, r.baseAmount])).toEqual([['Broker', '2024-03-01', 'dividend', 'AAPL', '3.00', '3.00']]);
    expect(rows.find((r) => r.account === 'Net')!.baseAmount).toBe('3.00');
  });

  it('the realized gains as a PDF statement whose text holds every figure', async () => {
    const report = await t.call<RealizedReport>('report:realized', { year: 2024 });
    const { file, path } = await save({ report: 'realized', format: 'pdf', year: 2024 });
    expect(file.fileName).toBe('bourse-realized-gains-2024.pdf');
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(path);
    expect(text).toContain('Realized gains 2024');
    expect(text).toContain('Tax year 2024-01-01 to 2024-12-31');
    expect(text).toContain('Accounts: all accounts');
    // Each closed lot on one line, its figures in order.
    const lines = text.split('\n');
    for (const r of report.rows) {
      const line = lines.find((l) => l.includes(r.acquired) && l.includes(r.sold) && l.includes(`${r.proceeds} USD`));
      expect(line, `lot ${r.acquired} → ${r.sold}`).toBeDefined();
      expect(line!.split(/\s+/).filter(Boolean)).toEqual(
        [r.accountId === 'main' ? 'Main' : 'Broker', 'AAPL', r.quantity, r.acquired, r.sold, r.term, r.proceeds, 'USD', r.cost, 'USD', r.fees, r.baseGain],
      );
    }
    const total = (label: string) => lines.find((l) => new RegExp(`^\\s*${label}\\s{2,}`).test(l))?.trim().split(/\s{2,}/)[1];
    expect(total('Proceeds')).toBe('3050.00 USD');
    expect(total('Cost')).toBe('2351.50 USD');
    expect(total('Fees')).toBe('2.00 USD');
    expect(total('Short-term gain')).toBe('98.83 USD');
    expect(total('Long-term gain')).toBe('597.67 USD');
    expect(total('Realized gain')).toBe('696.50 USD');
  });

  it('the income statement of the year as a PDF, for one account named on it', async () => {
    const { path } = await save({ report: 'income', format: 'pdf', year: 2024, accountIds: [broker.id] });
    const text = pdfText(path);
    expect(text).toContain('Accounts: Broker');
    expect(text).toMatch(/2024-03-01\s+Broker\s+dividend\s+AAPL\s+3\.00 USD\s+3\.00/);
    expect(text).not.toContain('2024-04-01'); // Main's interest
    expect(text).toMatch(/Net income\s+3\.00 USD/);
  });

  it('a long report runs over several pages, and a bad request writes nothing', async () => {
    for (let i = 0; i < 70; i++) {
      await t.call('activity:record', { type: 'interest', currency: 'USD', amount: `0.${String(i + 1).padStart(2, '0')}`, date: '2024-08-01', idempotencyKey: key() });
    }
    const { path } = await save({ report: 'income', format: 'pdf', year: 2024 });
    const text = pdfText(path);
    expect(text).toContain('Page 2');
    expect(text.match(/2024-08-01\s+Main\s+interest/g)).toHaveLength(70);
    expect(text).toMatch(/Interest\s+26\.10 USD/); // 1.25 + (0.01 + … + 0.70) = 1.25 + 24.85
    const bad = await t.refused('report:file', { report: 'realized', format: 'pdf', year: 2024, taxYearStart: { month: 2, day: 30 } });
    expect(bad.code).toBe('INVALID_INPUT');
  });
});
