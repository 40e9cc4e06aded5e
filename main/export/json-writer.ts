import { writeAtomically, type WriteOptions, type WriteResult } from './atomic-writer.js';
import { batches, type RowSource } from './batches.js';
import { jsonValue, type Column } from './columns.js';

export interface JsonOptions extends WriteOptions {
  /** 'lines': one JSON object per line (JSON Lines, streams well); 'array': one JSON array, one object a line. */
  format: 'lines' | 'array';
}

/**
 * Streams `rows` to `target` as JSON with the same guarantees as the CSV writer (temp file, fsync, rename, cancel,
 * progress, back-pressure). Only the declared columns are written, in their order; number columns keep their decimal
 * strings, since a JSON number would be read back as a binary float by most consumers.
 */
export function writeJson<Row>(target: string, columns: readonly Column<Row>[], rows: RowSource<Row>, opts: JsonOptions): Promise<WriteResult> {
  const array = opts.format === 'array';
  return writeAtomically(
    target,
    async (sink) => {
      let index = 0;
      if (array) await sink.write('[', 0);
      for await (const batch of batches(rows, opts.signal)) {
        let chunk = '';
        for (const row of batch) {
          // No prototype: a column named __proto__ is then just a key.
          const obj: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
          index += 1;
          for (const c of columns) obj[c.name] = jsonValue(c, row, index);
          const line = JSON.stringify(obj);
          chunk += array ? `${index === 1 ? '\n' : ',\n'}${line}` : `${line}\n`;
        }
        await sink.write(chunk, batch.length);
      }
      if (array) await sink.write(index === 0 ? ']\n' : '\n]\n', 0);
    },
    opts,
  );
}
