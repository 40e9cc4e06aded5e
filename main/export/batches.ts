/** Rows per chunk: large enough that per-chunk costs vanish, small enough that a chunk is a few hundred KB at most. */
export const BATCH_ROWS = 500;

/**
 * What an export reads: rows one at a time, or pages of rows. A paged source (the keyset history query) costs one
 * await per page instead of one per row, which on a million rows is the difference of a second or more.
 */
export type RowSource<Row> = AsyncIterable<Row> | Iterable<Row> | { pages: AsyncIterable<readonly Row[]> | Iterable<readonly Row[]> };

/**
 * Groups a source into arrays of at most `size` rows. Checks `signal` between rows and pages, so cancelling a slow
 * source takes effect without waiting for a full batch; leaving early closes the source's iterator (its `return()`),
 * which lets a query release its cursor.
 */
export async function* batches<Row>(source: RowSource<Row>, signal?: AbortSignal, size = BATCH_ROWS): AsyncGenerator<readonly Row[]> {
  if (typeof source === 'object' && source !== null && 'pages' in source) {
    for await (const page of source.pages) {
      signal?.throwIfAborted();
      for (let i = 0; i < page.length; i += size) yield page.length <= size ? page : page.slice(i, i + size);
    }
    return;
  }
  let batch: Row[] = [];
  for await (const row of source) {
    signal?.throwIfAborted();
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
