import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { ExportProgress, HistoryFilter, HistorySort } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import type { EventHub } from '../events.js';
import type { WriteProgress, WriteResult } from '../export/atomic-writer.js';
import { writeCsv } from '../export/csv-writer.js';
import { writeJson } from '../export/json-writer.js';
import type { FileDialogs, FileTransfers } from '../files/transfers.js';
import type { Store } from '../store/data-source.js';
import { exportColumns, jsonEnvelope, type ExportAccount } from './columns.js';
import type { PartRange } from './export-part.js';
import { ExportParts } from './export-parts.js';
import { beginSnapshot, closeExportReader, openExportReader } from './export-reader.js';
import { keysetRows, plan, splitKeys, type KeyTuple } from './query.js';
import { RateBook } from './rates.js';
import { ACCOUNTS_SQL, ROW_SQL } from './row-sql.js';
import { minorUnitOf } from './repo.js';
import type { HistoryService } from './service.js';
import { spanOf } from './totals.js';

export interface ExportDeps {
  store: Store;
  market: Store;
  history: HistoryService;
  events: EventHub;
  transfers: FileTransfers;
  /** Desktop: main's save dialog picks the path. Absent (browser host): the file is staged and offered as a download. */
  dialogs?: FileDialogs;
  baseCurrency: () => string;
  fxPriority: () => readonly string[];
  today: () => string;
  nativeBinding?: string;
  /** Rows per read; each page is one keyset query and one await. */
  pageSize?: number;
  /**
   * `parts`: threads a large export is split into (default: one per core, at most 4; 1: read on main). `minRows`:
   * from this many rows an export is split (default 20,000; below, a thread's start costs more than it saves).
   */
  exportParts?: { parts?: number; minRows?: number };
}

const PAGE = 2000;
const PARTS_MIN_ROWS = 20_000;
const PROGRESS_MS = 100;

/**
 * Streams the (filtered) history to CSV or JSON through main/export: temp file, fsync, rename, so a cancelled,
 * failed or killed export never leaves a partial file under the final name. Reads come from read-only connections
 * inside read transactions: a consistent snapshot of the history however long the export takes, and the profile's
 * writer queue stays free for deposits and orders meanwhile (WAL lets both run). A large export runs in threads, one
 * part of the key range each (export-parts.ts): on a machine with a free core it takes about half the time, and
 * main's event loop never waits on SQLite.
 */
export class ExportService {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly deps: ExportDeps) {}

  async start(filter: HistoryFilter, sort: HistorySort, format: 'csv' | 'json'): Promise<ExportProgress> {
    const d = this.deps;
    const id = randomBytes(12).toString('base64url');
    const base = d.baseCurrency();
    const fileName = `bourse-history-${filter.from ?? 'start'}-to-${filter.to ?? d.today()}.${format}`;
    const progress: ExportProgress = { id, state: 'running', format, rows: 0, total: 0, bytes: 0, fileName, path: null, downloadUrl: null, error: null };

    let target: string;
    if (d.dialogs) {
      const chosen = await d.dialogs.save({
        title: 'Export history',
        defaultName: fileName,
        filters: format === 'csv' ? [{ name: 'CSV', extensions: ['csv'] }] : [{ name: 'JSON', extensions: ['json'] }],
      });
      if (!chosen) return { ...progress, state: 'cancelled' };
      target = chosen;
    } else {
      mkdirSync(d.transfers.exportsDir, { recursive: true, mode: 0o700 });
      target = join(d.transfers.exportsDir, `${id}.${format}`);
    }

    const partCount = d.exportParts?.parts ?? defaultParts();
    // A large export's threads start and open their connections before the writer's turn below (which then only has
    // them take their snapshots): writes never wait for a thread's start.
    let threads: ExportParts | null = null;
    // The estimate is the history list's own count (kept until the next write: usually the list has just taken it).
    if (partCount > 1 && (await d.store.writer.read((db) => d.history.count(db, filter))) >= (d.exportParts?.minRows ?? PARTS_MIN_ROWS)) {
      const opts = { file: d.store.file, keyHex: storeKeyHex(d.store), ...(d.nativeBinding ? { nativeBinding: d.nativeBinding } : {}), filter, sort, pageSize: d.pageSize ?? PAGE, format, bom: false };
      threads = await ExportParts.start(opts, target, partCount);
    }
    const snap = await this.snapshot(filter, sort, threads).catch(async (err: unknown) => {
      await threads?.stop();
      throw err;
    });
    const { total, digits, currencies, first, last } = snap;
    progress.total = total;

    // Every rate the export needs, read once inside the market writer's turn; the stream then never touches market.db.
    let rates: RateBook;
    try {
      rates = await d.market.writer.read((mdb) => {
        const book = new RateBook(mdb, base, d.fxPriority());
        if (first && last) for (const c of currencies) book.load(c, first, last);
        book.freeze();
        return book;
      });
    } catch (err) {
      await snap.release();
      throw err;
    }

    const controller = new AbortController();
    this.running.set(id, controller);
    let lastEmit = 0;
    const emit = (force = false) => {
      const now = Date.now();
      if (!force && now - lastEmit < PROGRESS_MS) return;
      lastEmit = now;
      d.events.emit('export:progress', { ...progress });
    };
    emit(true);
    const onProgress = (p: WriteProgress) => {
      progress.rows = p.rows;
      progress.bytes = p.bytes;
      emit();
    };
    const running =
      snap.kind === 'parts'
        ? snap.parts.finish(target, snap.ranges, total, rates.data(), digits, controller.signal, onProgress)
        : this.run(snap.reader, target, filter, sort, format, total, rates, digits, controller.signal, onProgress);
    void running
      .then((res) => {
        progress.rows = res.rows;
        progress.bytes = res.bytes;
        progress.state = 'done';
        if (d.dialogs) progress.path = target;
        else progress.downloadUrl = d.transfers.offer(target, { name: fileName, contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8', removeAfter: true });
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) progress.state = 'cancelled';
        else {
          progress.state = 'failed';
          progress.error = err instanceof AppError ? err.message : 'The export could not be written.';
        }
      })
      .finally(() => {
        this.running.delete(id);
        emit(true);
      });
    return { ...progress };
  }

  /**
   * The count, and the read snapshot(s) the export streams from, in one turn of the profile's writer: nothing
   * commits in between, so the rows written are exactly the rows counted, and the threads of a split export all read
   * the same state (each takes its snapshot before the turn ends). Without threads (a small export, one core) the
   * export reads on main, where a thread's start would cost more than it saves.
   */
  private snapshot(filter: HistoryFilter, sort: HistorySort, threads: ExportParts | null): Promise<Snapshot> {
    const d = this.deps;
    return d.store.writer.exclusive(async (db) => {
      const span = spanOf(db, filter);
      const total = span.entries;
      const head = { total, digits: minorUnitOf(db, d.baseCurrency()), currencies: span.currencies, first: span.first, last: span.last };
      const at = threads ? cuts(total, threads.count) : [];
      // The key of the last row before each cut: the next part starts after it.
      const ranges = at.length ? partRanges(splitKeys(db, plan(filter, sort, total), at.map((c) => c - 1)), at) : [];
      if (threads && ranges.length > 1) {
        await threads.snap();
        return { kind: 'parts' as const, parts: threads, ranges, ...head, release: () => threads.stop() };
      }
      await threads?.stop();
      const reader = this.openReader();
      return {
        kind: 'main' as const,
        reader,
        ...head,
        release: async () => closeExportReader(reader),
      };
    });
  }

  /** A read-only connection holding its read snapshot, for an export read on main. */
  private openReader(): Database.Database {
    const reader = openExportReader(this.deps.store.file, storeKeyHex(this.deps.store), this.deps.nativeBinding, 64);
    try {
      beginSnapshot(reader);
      return reader;
    } catch (err) {
      closeExportReader(reader);
      throw err;
    }
  }

  cancel(id: string): boolean {
    const c = this.running.get(id);
    if (!c) return false;
    c.abort(new AppError('CANCELLED', 'Export cancelled.'));
    return true;
  }

  cancelAll(): void {
    for (const id of [...this.running.keys()]) this.cancel(id);
  }

  private async run(
    reader: Database.Database,
    target: string,
    filter: HistoryFilter,
    sort: HistorySort,
    format: 'csv' | 'json',
    total: number,
    rates: RateBook,
    digits: number,
    signal: AbortSignal,
    onProgress: (p: WriteProgress) => void,
  ): Promise<WriteResult> {
    const d = this.deps;
    try {
      const p = plan(filter, sort, total);
      const pageSize = d.pageSize ?? PAGE;
      const accounts = reader.prepare(ACCOUNTS_SQL).all() as ExportAccount[];
      const columns = exportColumns(p.keys.length + 1, rates, digits, accounts);
      const pages = async function* (): AsyncGenerator<unknown[][]> {
        // The raw rows go to the writer as they are: each column reads (or derives) its value from them, so no
        // record is built per row.
        for (const raw of keysetRows(reader, p, pageSize, ROW_SQL)) {
          signal.throwIfAborted();
          yield raw;
          // One turn of the event loop per page: requests, progress events and a cancel get through.
          await new Promise((resolve) => setImmediate(resolve));
        }
      };
      const opts = { signal, onProgress };
      return format === 'csv'
        ? await writeCsv(target, columns, { pages: pages() }, opts)
        : await writeJson(target, columns, { pages: pages() }, { ...opts, format: 'array', envelope: jsonEnvelope(accounts) });
    } finally {
      closeExportReader(reader);
    }
  }
}

/** Cut positions (0-based index of each later part's first row) splitting `total` rows into `parts` near-equal parts. */
function cuts(total: number, parts: number): number[] {
  return Array.from({ length: parts - 1 }, (_, i) => Math.floor((total * (i + 1)) / parts)).filter((c, i, all) => c > 0 && c < total && (i === 0 || c > all[i - 1]!));
}

/**
 * The parts' ranges from the keys of the rows just before each cut. A key that was not found (the count was off)
 * ends the split there; the last part always reads to the end.
 */
function partRanges(keys: KeyTuple[], at: number[]): PartRange[] {
  const ranges: PartRange[] = [{ after: null, limit: null, firstIndex: 1 }];
  for (let i = 0; i < keys.length; i++) {
    ranges[i]!.limit = at[i]! - (ranges[i]!.firstIndex - 1);
    ranges.push({ after: keys[i]!, limit: null, firstIndex: at[i]! + 1 });
  }
  return ranges;
}

/** One part per core the process may use, at most four (the disk and the shared page cache are the limit beyond). */
function defaultParts(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

type Snapshot = { total: number; digits: number; currencies: string[]; first: string | null; last: string | null; release: () => Promise<void> } & (
  | { kind: 'parts'; parts: ExportParts; ranges: PartRange[] }
  | { kind: 'main'; reader: Database.Database }
);

function storeKeyHex(store: { key?: { hex: string } }): string {
  if (!store.key) throw new Error('A profile store is always opened with its key.');
  return store.key.hex;
}
