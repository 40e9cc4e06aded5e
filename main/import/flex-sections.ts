import type { CsvRecord } from './csv-reader.js';
import type { Reshaper } from './layouts.js';

/**
 * Interactive Brokers' multi-section Flex CSV ("Include header and trailer records" and "section code and line
 * descriptor" on): every line starts with its kind (BOF, BOA, BOS, HEADER, DATA, EOS, EOA, EOF) and the DATA and
 * HEADER lines with their section's code (TRNT trades, CTRN cash transactions, POST open positions, ...), each
 * section with its own columns. The sections are read into one table of fixed columns, so one mapping reads trades,
 * cash transactions and dividends alike; every row keeps the line it has in the file.
 *
 * The table's "Activity" is the trade's Buy/Sell, the cash transaction's Type, or "Section CODE (name)" for a section
 * Bourse does not record (open positions, account information): the preset skips those and the preview counts them.
 */
export const FLEX_COLUMNS = ['Flex section', 'Activity', 'Date', 'Symbol', 'ISIN', 'Description', 'Quantity', 'TradePrice', 'Amount', 'Currency', 'Commission', 'TransactionID'] as const;

const KINDS = new Set(['BOF', 'BOA', 'BOS', 'HEADER', 'DATA', 'EOS', 'EOA', 'EOF']);

/** Whether a file's first record is a Flex line descriptor (with or without the header and trailer records). */
export function isFlexSections(first: readonly string[]): boolean {
  const kind = first[0]?.trim().toUpperCase();
  return kind === 'BOF' || kind === 'BOA' || kind === 'BOS' || (kind === 'HEADER' && (first[1]?.trim().length ?? 0) > 0);
}

/** Each table column from the first of these section columns the section has (Flex names vary with the query). */
const SOURCES: Record<(typeof FLEX_COLUMNS)[number], string[]> = {
  'Flex section': [],
  Activity: [],
  Date: ['DateTime', 'TradeDate', 'SettleDate', 'PayDate', 'ReportDate', 'Date/Time', 'Date'],
  Symbol: ['Symbol'],
  ISIN: ['ISIN', 'SecurityID'],
  Description: ['Description'],
  Quantity: ['Quantity'],
  TradePrice: ['TradePrice', 'Price'],
  Amount: ['Amount'],
  Currency: ['CurrencyPrimary', 'Currency'],
  Commission: ['IBCommission', 'Commission'],
  TransactionID: ['TransactionID', 'TradeID'],
};

interface Section {
  code: string;
  name: string;
  width: number;
  at: Map<string, number>;
}

export class FlexSections implements Reshaper {
  private headerSent = false;
  private readonly names = new Map<string, string>();
  private readonly sections = new Map<string, Section>();

  push(records: readonly CsvRecord[]): CsvRecord[] {
    const out: CsvRecord[] = [];
    for (const rec of records) {
      if (!this.headerSent) {
        out.push({ line: rec.line, fields: [...FLEX_COLUMNS] });
        this.headerSent = true;
      }
      if (rec.problem) {
        out.push(rec);
        continue;
      }
      const kind = rec.fields[0]?.trim().toUpperCase() ?? '';
      const code = rec.fields[1]?.trim() ?? '';
      if (kind === 'BOS') this.names.set(code, rec.fields[2]?.trim() ?? '');
      else if (kind === 'HEADER') this.sections.set(code, this.section(code, rec.fields.slice(2)));
      else if (kind === 'DATA') out.push(this.row(rec, code));
      else if (!KINDS.has(kind)) out.push({ line: rec.line, fields: rec.fields, problem: `"${kind.slice(0, 20)}" is not a Flex line kind (BOF, HEADER, DATA, EOF, ...)` });
    }
    return out;
  }

  end(): CsvRecord[] {
    return [];
  }

  private section(code: string, header: string[]): Section {
    const at = new Map<string, number>();
    header.forEach((h, i) => {
      const k = h.trim().toLowerCase();
      if (!at.has(k)) at.set(k, i);
    });
    return { code, name: this.names.get(code) ?? '', width: header.length, at };
  }

  private row(rec: CsvRecord, code: string): CsvRecord {
    const s = this.sections.get(code);
    if (!s) return { line: rec.line, fields: [], problem: `a DATA line of section ${code.slice(0, 10)} comes before that section's HEADER line` };
    const data = rec.fields.slice(2);
    if (data.length < s.width) return { line: rec.line, fields: [], problem: `this ${code.slice(0, 10)} line has ${data.length} fields; its section's HEADER line has ${s.width}` };
    const get = (names: readonly string[]): string => {
      for (const n of names) {
        const i = s.at.get(n.toLowerCase());
        const v = i === undefined ? '' : (data[i] ?? '').trim();
        if (v) return v;
      }
      return '';
    };
    let activity: string;
    if (code === 'TRNT') activity = get(['Buy/Sell']) || (get(['Quantity']).startsWith('-') ? 'SELL' : 'BUY');
    else if (code === 'CTRN') activity = get(['Type']);
    else activity = `Section ${code}${s.name ? ` (${s.name})` : ''}`;
    const fields = FLEX_COLUMNS.map((c) => (c === 'Flex section' ? code : c === 'Activity' ? activity : get(SOURCES[c])));
    // A data line with more fields than its HEADER (IB ends some with one): read by the header's columns, and one
    // field more in the table so the reader reports it as widened.
    if (data.length > s.width) fields.push('');
    return { line: rec.line, fields };
  }
}
