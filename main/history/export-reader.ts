import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { HistoryFilter, HistorySort } from '../../shared/contract/index.js';
import { keysetRows, plan } from './query.js';

/**
 * The export's reading thread (a worker_threads Worker, started by export-pages.ts): it steps the export's SQL on
 * its own read-only connection, inside one read transaction (WAL: a consistent snapshot while main keeps writing),
 * and posts the raw rows a page at a time. Main formats and writes them meanwhile: main's thread never waits on
 * SQLite (each page cost it 20-40 ms when it read them itself), and with a second core free the export takes about
 * as long as this thread's work instead of SQL plus formatting. The hand-over is not free, though: cloning the
 * values across costs ~25 % more CPU in all (1M rows: 21-23 s against 16-20 s in one thread), so on a machine with
 * no idle core (or where the scheduler shares CPU per session, as Linux's autogroup does) the export is slower than
 * reading on main was (bench/history.ts --only=export).
 *
 * Flow control without a round trip per page: `control[IN_FLIGHT]` counts the pages posted and not yet taken by
 * main; at `maxInFlight` this thread blocks in Atomics.wait until main takes one (memory: that many pages at most).
 * `control[STOP]` set by main (cancel, failure, end) makes it stop at the next page and close its connection.
 */
export interface ReaderData {
  /** Marks this thread's data: the module runs `read` only when started as this worker. */
  kind: typeof READER_KIND;
  file: string;
  nativeBinding?: string;
  filter: HistoryFilter;
  sort: HistorySort;
  total: number;
  pageSize: number;
  /** The columns after the rowid and sort keys (ROW_SQL of export.ts). */
  columns: string;
  control: SharedArrayBuffer;
  maxInFlight: number;
}

export const READER_KIND = 'bourse-export-reader';
export const IN_FLIGHT = 0;
export const STOP = 1;

/** A page as one flat array of `width` values per row: `[rid, …columns]` (see flatten). */
export type ReaderMessage = { type: 'page'; width: number; values: unknown[] } | { type: 'done' } | { type: 'error'; message: string };

/**
 * One array of every value of the page, row after row, without the sort keys (only this thread's keyset needs
 * them): `[rid, …columns]` per row. The structured clone of better-sqlite3's row arrays was the largest cost of the
 * hand-over (measured on 2000-row export pages: ~12 ms to serialize, ~20 ms to deserialize; flattened, ~2 ms to
 * build, ~1 ms and ~3 ms), presumably because the clone takes a slow path for the arrays the addon builds; a flat
 * array grown by push is a plain packed one.
 */
function flatten(rows: unknown[][], keys: number, values: unknown[]): unknown[] {
  // postMessage clones synchronously, so one array serves every page: no new backing store grown page after page.
  let n = 0;
  for (const row of rows) {
    values[n++] = row[0];
    for (let i = 1 + keys; i < row.length; i++) values[n++] = row[i];
  }
  values.length = n;
  return values;
}

function read(data: ReaderData, post: (m: ReaderMessage) => void): void {
  const control = new Int32Array(data.control);
  const reader = new Database(data.file, { readonly: true, fileMustExist: true, ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}) });
  try {
    reader.pragma('busy_timeout = 5000');
    // A large export reads most of the file in index order, i.e. in random table order: a bigger page cache, and
    // up to 256 MB of the file mapped (1M rows: 22 s without, 16 s with a full map). Mapped pages are the OS's
    // page cache and count as resident memory while mapped; the map is bounded, so is that.
    reader.pragma('cache_size = -65536');
    reader.pragma('mmap_size = 268435456');
    reader.exec('BEGIN');
    const p = plan(data.filter, data.sort, data.total);
    const flat: unknown[] = [];
    for (const rows of keysetRows(reader, p, data.pageSize, data.columns)) {
      for (;;) {
        if (Atomics.load(control, STOP) !== 0) return;
        const inFlight = Atomics.load(control, IN_FLIGHT);
        if (inFlight < data.maxInFlight) break;
        // Woken by main taking a page or asking to stop; the timeout only guards against a lost wake-up.
        Atomics.wait(control, IN_FLIGHT, inFlight, 1000);
      }
      Atomics.add(control, IN_FLIGHT, 1);
      post({ type: 'page', width: rows[0]!.length - p.keys.length, values: flatten(rows, p.keys.length, flat) });
    }
    post({ type: 'done' });
  } finally {
    if (reader.inTransaction) reader.exec('COMMIT');
    reader.close();
  }
}

const data = workerData as ReaderData | null;
if (parentPort && data?.kind === READER_KIND) {
  const port = parentPort;
  const post = (m: ReaderMessage) => port.postMessage(m);
  try {
    read(data, post);
  } catch (err) {
    // Main reports every reader failure as "could not be written"; the text is for its log and for tests.
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}
