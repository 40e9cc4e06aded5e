/**
 * RFC 4180 encoding of one record: fields separated by commas, the record ended by CRLF, and a field enclosed in
 * double quotes (inner quotes doubled) exactly when it holds a comma, a quote, CR or LF.
 *
 * Why not csv-stringify here: its sync API is several times slower on the history's rows (same bytes), and the
 * export has a time budget (docs/benchmarks.md, against `sqlite3 -csv`). csv-stringify stays the
 * reference: a property test checks this encoder's output equals csv-stringify's, byte for byte, on random records.
 */
const QUOTE = /"/g;

export function csvField(s: string): string {
  // A scan of char codes instead of a /[",\r\n]/ test: most cells are short and need nothing, and the regex test
  // costs more than the whole scan of such a cell.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // '"' 34, ',' 44, CR 13, LF 10.
    if (c === 34 || c === 44 || c === 13 || c === 10) return `"${s.replace(QUOTE, '""')}"`;
  }
  return s;
}

export function csvRecord(cells: readonly string[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += i === 0 ? csvField(cells[i]!) : `,${csvField(cells[i]!)}`;
  return `${line}\r\n`;
}

/** The csv-stringify options that produce the same bytes (the test oracle; also for any caller that streams with it). */
export const CSV_STRINGIFY_EQUIVALENT = { record_delimiter: 'windows', quoted_match: /[\r\n]/ } as const;
