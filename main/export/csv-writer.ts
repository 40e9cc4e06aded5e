import { writeAtomically, type WriteOptions, type WriteResult } from './atomic-writer.js';
import { batches, type RowSource } from './batches.js';
import { csvField, csvRecord } from './csv-format.js';
import { csvCell, neutralise, type Column } from './columns.js';

export interface CsvOptions extends WriteOptions {
  /** A UTF-8 byte order mark, which Excel needs to read non-ASCII text as UTF-8. Off by default (RFC 4180 has none). */
  bom?: boolean;
}

/**
 * Streams rows to `target` as RFC 4180 CSV with a header record. Rows are encoded a batch at a time and each batch
 * is written with back-pressure, so memory holds about one batch whatever the size of the export.
 */
export function writeCsv<Row>(target: string, columns: readonly Column<Row>[], rows: RowSource<Row>, opts: CsvOptions = {}): Promise<WriteResult> {
  return writeAtomically(
    target,
    async (sink) => {
      const header = csvRecord(columns.map((c) => neutralise(c.name)));
      await sink.write(opts.bom ? `\uFEFF${header}` : header, 0);
      let index = 0;
      const width = columns.length;
      for await (const batch of batches(rows, opts.signal)) {
        let chunk = '';
        for (let r = 0; r < batch.length; r++) {
          const row = batch[r]!;
          index += 1;
          // One string per record, no array of cells: a million rows would make a million arrays of garbage. A number
          // cell is validated by csvCell and cannot hold a comma, quote or line break, so only text needs csvField.
          let line = '';
          for (let c = 0; c < width; c++) {
            const col = columns[c]!;
            const cell = csvCell(col, row, index);
            const field = col.kind === 'number' ? cell : csvField(cell);
            line = c === 0 ? field : `${line},${field}`;
          }
          chunk += `${line}\r\n`;
        }
        await sink.write(chunk, batch.length);
      }
    },
    opts,
  );
}
