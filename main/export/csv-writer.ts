import { writeAtomically, type WriteOptions, type WriteResult } from './atomic-writer.js';
import { batches, type RowSource } from './batches.js';
import { csvRecord } from './csv-format.js';
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
      for await (const batch of batches(rows, opts.signal)) {
        let chunk = '';
        for (const row of batch) {
          index += 1;
          chunk += csvRecord(columns.map((c) => csvCell(c, row, index)));
        }
        await sink.write(chunk, batch.length);
      }
    },
    opts,
  );
}
