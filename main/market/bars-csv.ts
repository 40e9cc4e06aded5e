import { parse } from 'csv-parse/sync';
import { AppError } from '../../shared/errors.js';
import type { DailyBar } from '../../shared/market.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NUM = /^(0|[1-9]\d*)(\.\d+)?$/;

/**
 * Daily bars from a CSV file with a header row: date, close required; open, high, low, volume optional (any column
 * order, case-insensitive). Parsed by csv-parse (RFC 4180 quoting); every bad row is reported with its line number
 * and nothing is imported unless all rows are good.
 */
export function parseBarsCsv(text: string): DailyBar[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    throw new AppError('INVALID_INPUT', `The file is not valid CSV: ${(err as Error).message}`);
  }
  if (records.length === 0) throw new AppError('INVALID_INPUT', 'The file has no rows.');
  const first = records[0]!;
  if (!('date' in first) || !('close' in first)) throw new AppError('INVALID_INPUT', 'The header must name at least the columns date and close.');
  const errors: { line: number; message: string }[] = [];
  const bars: DailyBar[] = [];
  const seen = new Set<string>();
  records.forEach((r, i) => {
    const line = i + 2;
    const date = r.date ?? '';
    if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) return void errors.push({ line, message: `date "${date}" is not YYYY-MM-DD` });
    if (seen.has(date)) return void errors.push({ line, message: `${date} appears twice` });
    seen.add(date);
    const bar: DailyBar = { date, close: r.close ?? '' };
    for (const k of ['open', 'high', 'low', 'close', 'volume'] as const) {
      const v = r[k];
      if (v === undefined || v === '') {
        if (k === 'close') errors.push({ line, message: 'close is empty' });
        continue;
      }
      if (!NUM.test(v)) errors.push({ line, message: `${k} "${v.slice(0, 20)}" is not a plain decimal number` });
      else bar[k] = v;
    }
    bars.push(bar);
  });
  if (errors.length) {
    throw new AppError('INVALID_INPUT', `${errors.length} row(s) have errors; nothing was imported. First: line ${errors[0]!.line}: ${errors[0]!.message}`, {
      errors: errors.slice(0, 100),
    });
  }
  return bars.sort((a, b) => a.date.localeCompare(b.date));
}
