import { once } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import type { HistoryFilter, HistorySort } from '../../shared/contract/index.js';
import { createExportStream, streamSink } from '../export/atomic-writer.js';
import { csvHeader, csvRows } from '../export/csv-writer.js';
import { jsonArrayStart, jsonRows } from '../export/json-writer.js';
import { exportColumns, jsonEnvelope, type ExportAccount } from './columns.js';
import { beginSnapshot, closeExportReader, openExportReader } from './export-reader.js';
import { keysetRows, plan, type KeyTuple } from './query.js';
import { RateBook, type RateBookData } from './rates.js';
import { ACCOUNTS_SQL, ROW_SQL } from './row-sql.js';

/**
 * One part of a split history export, run as a worker_threads Worker (started by export-parts.ts): its own
 * read-only connection and read transaction, the rows after `after` (up to `limit` of them), encoded exactly as the
 * single-threaded export encodes them (csvRows / jsonRows with the rows' numbers in the whole export), written to
 * its own file. Main joins the parts in order and publishes the file (fsync, rename) only when every part is whole.
 *
 * Why threads: the export's time is SQLite stepping the query plus encoding, all CPU on one thread; parts of the
 * key range run on the machine's other cores at once, and main's event loop never waits on a page.
 *
 * Why the snapshot is shared: each thread starts its read transaction while main holds the profile's writer queue
 * (nothing commits meanwhile), so every part reads the same committed state, the one the split keys were found in.
 * The threads start and open their connections before that turn, so writes wait only for the snapshots themselves.
 */
export const PART_KIND = 'bourse-export-part';
/** control[STOP] set by main (cancel, another part failed): the part stops at its next page. */
export const STOP = 0;

export interface PartData {
  /** Marks this thread's data: the module runs a part only when started as this worker. */
  kind: typeof PART_KIND;
  file: string;
  /** The profile database's key (DbKey.hex): the thread opens its own connection. */
  keyHex: string;
  nativeBinding?: string;
  filter: HistoryFilter;
  sort: HistorySort;
  pageSize: number;
  format: 'csv' | 'json';
  bom: boolean;
  /** The first part writes the CSV header or the JSON envelope's head and the array's `[`. */
  opening: boolean;
  /** This part's file; created here (exclusive, 0600), removed by main. */
  out: string;
  control: SharedArrayBuffer;
}

/** Where a part starts and how many rows it holds (export.ts plans them from splitKeys). */
export interface PartRange {
  /** Start after this row's key (null: from the first row). */
  after: KeyTuple | null;
  /** Rows in this part (null: to the end). */
  limit: number | null;
  /** The 1-based number of this part's first row in the whole export. */
  firstIndex: number;
}

/**
 * Main → part. A part is started before the export's writer turn and opens its connection ('ready'); in the turn,
 * 'snap' makes it take its snapshot ('snapped'); after it, 'go' says what to read: the matching rows' count (plan()
 * picks its indexes by it; every part must plan alike), its range and the rates (loaded meanwhile).
 */
export type ToPart = { type: 'snap' } | ({ type: 'go'; total: number; rates: RateBookData; digits: number } & PartRange);

export type FromPart =
  | { type: 'ready' }
  | { type: 'snapped' }
  | { type: 'progress'; rows: number; bytes: number }
  | { type: 'done'; rows: number; bytes: number }
  | { type: 'error'; message: string };

function next<T extends ToPart['type']>(port: NonNullable<typeof parentPort>, type: T): Promise<Extract<ToPart, { type: T }>> {
  return new Promise((resolve, reject) => {
    port.once('message', (m: ToPart) => (m.type === type ? resolve(m as Extract<ToPart, { type: T }>) : reject(new Error(`expected ${type}, got ${m.type}`))));
  });
}

async function runPart(data: PartData, port: NonNullable<typeof parentPort>): Promise<void> {
  const control = new Int32Array(data.control);
  const reader = openExportReader(data.file, data.keyHex, data.nativeBinding, 32);
  try {
    const snap = next(port, 'snap');
    port.postMessage({ type: 'ready' } satisfies FromPart);
    await snap;
    beginSnapshot(reader);
    const go = next(port, 'go');
    port.postMessage({ type: 'snapped' } satisfies FromPart);
    const range = await go;

    const p = plan(data.filter, data.sort, range.total);
    // The accounts as this part's snapshot has them (every part reads the same state).
    const accounts = reader.prepare(ACCOUNTS_SQL).all() as ExportAccount[];
    const columns = exportColumns(p.keys.length + 1, RateBook.from(range.rates), range.digits, accounts);
    const out = createExportStream(data.out);
    const { sink, progress, error } = streamSink(out, { onProgress: (x) => port.postMessage({ type: 'progress', ...x } satisfies FromPart) });
    try {
      if (data.opening) await sink.write(data.format === 'csv' ? csvHeader(columns, data.bom) : jsonArrayStart(jsonEnvelope(accounts)), 0);
      for (const page of keysetRows(reader, p, data.pageSize, ROW_SQL, { after: range.after, limit: range.limit })) {
        if (Atomics.load(control, STOP) !== 0) return;
        const index = range.firstIndex + progress.rows;
        await sink.write(data.format === 'csv' ? csvRows(columns, page, index) : jsonRows(columns, page, index, 'array'), page.length);
      }
    } finally {
      out.end();
      await once(out, 'close').catch(() => undefined);
    }
    if (error()) throw error()!;
    port.postMessage({ type: 'done', ...progress } satisfies FromPart);
  } finally {
    closeExportReader(reader);
  }
}

const data = workerData as PartData | null;
if (parentPort && data?.kind === PART_KIND) {
  const port = parentPort;
  runPart(data, port).catch((err: unknown) => {
    // Main reports every part failure as "could not be written"; the text is for its log and for tests.
    port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies FromPart);
  });
}
