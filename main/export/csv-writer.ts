import { writeAtomically, type WriteOptions, type WriteResult } from './atomic-writer.js';
import { batches, type RowSource } from './batches.js';
import { csvField, csvRecord } from './csv-format.js';
import { csvCell, neutralise, type Column } from './columns.js';

export interface CsvOptions extends WriteOptions {
  /** A UTF-8 byte order mark, which Excel needs to read non-ASCII text as UTF-8. Off by default (RFC 4180 has none). */
  bom?: boolean;
}

/** The header record (column names are neutralised like any text), with the optional BOM before it. */
export function csvHeader<Row>(columns: readonly Column<Row>[], bom = false): string {
  const header = csvRecord(columns.map((c) => neutralise(c.name)));
  return bom ? `\uFEFF${header}` : header;
}

/**
 * The records of `rows` as one string; `firstIndex` is the 1-based number of rows[0] in the whole export (for the
 * row a refused value is reported at). Shared by writeCsv and the export's worker threads, which encode their parts
 * of one file independently (main/history/export-part.ts).
 */
export function csvRows<Row>(columns: readonly Column<Row>[], rows: readonly Row[], firstIndex: number): string {
  const width = columns.length;
  let chunk = '';
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    // One string per record, no array of cells: a million rows would make a million arrays of garbage. A number
    // cell is validated by csvCell and cannot hold a comma, quote or line break, so only text needs csvField.
    let line = '';
    for (let c = 0; c < width; c++) {
      const col = columns[c]!;
      const cell = csvCell(col, row, firstIndex + r);
      const field = col.kind === 'number' ? cell : csvField(cell);
      line = c === 0 ? field : `${line},${field}`;
    }
    chunk += `${line}\r\n`;
  }
  return chunk;
}

/**
 * Streams rows to `target` as RFC 4180 CSV with a header record. Rows are encoded a batch at a time and each batch
 * is written with back-pressure, so memory holds about one batch whatever the size of the export.
 */
export function writeCsv<Row>(target: string, columns: readonly Column<Row>[], rows: RowSource<Row>, opts: CsvOptions = {}): Promise<WriteResult> {
  return writeAtomically(
    target,
    async (sink) => {
      await sink.write(csvHeader(columns, opts.bom), 0);
      let index = 1;
      for await (const batch of batches(rows, opts.signal)) {
        const chunk = csvRows(columns, batch, index);
        index += batch.length;
        await sink.write(chunk, batch.length);
      }
    },
    opts,
  );
}
