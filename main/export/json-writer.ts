import { writeAtomically, type WriteOptions, type WriteResult } from './atomic-writer.js';
import { batches, type RowSource } from './batches.js';
import { jsonValue, type Column } from './columns.js';

export interface JsonOptions extends WriteOptions {
  /** 'lines': one JSON object per line (JSON Lines, streams well); 'array': one JSON array, one object a line. */
  format: 'lines' | 'array';
  /** An array's surroundings: JSON text before its `[` and after its `]` (an object holding it under a key). */
  envelope?: { head: string; tail: string };
}

/**
 * The JSON text of `rows`; `firstIndex` is the 1-based number of rows[0] in the whole export. In an array every
 * object but the first of the export starts with ",\n", so parts encoded independently (main/history/export-part.ts)
 * join into one array by simple concatenation between `[` and jsonArrayEnd.
 */
export function jsonRows<Row>(columns: readonly Column<Row>[], rows: readonly Row[], firstIndex: number, format: 'lines' | 'array'): string {
  const array = format === 'array';
  let chunk = '';
  for (let r = 0; r < rows.length; r++) {
    const index = firstIndex + r;
    // No prototype: a column named __proto__ is then just a key.
    const obj: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const c of columns) obj[c.name] = jsonValue(c, rows[r]!, index);
    const line = JSON.stringify(obj);
    chunk += array ? `${index === 1 ? '\n' : ',\n'}${line}` : `${line}\n`;
  }
  return chunk;
}

/** What opens an array (after the envelope's head, if any). */
export function jsonArrayStart(envelope?: { head: string }): string {
  return `${envelope?.head ?? ''}[`;
}

/** What closes an array of `rows` objects (and the envelope, if any). */
export function jsonArrayEnd(rows: number, envelope?: { tail: string }): string {
  return `${rows === 0 ? ']' : '\n]'}${envelope?.tail ?? ''}\n`;
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
      let index = 1;
      if (array) await sink.write(jsonArrayStart(opts.envelope), 0);
      for await (const batch of batches(rows, opts.signal)) {
        const chunk = jsonRows(columns, batch, index, opts.format);
        index += batch.length;
        await sink.write(chunk, batch.length);
      }
      if (array) await sink.write(jsonArrayEnd(index - 1, opts.envelope), 0);
    },
    opts,
  );
}
