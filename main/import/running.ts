import type { ReadDb } from '../store/writer.js';
import type { ImportMapping, ImportReport } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import type { ActivityService } from '../activities/service.js';
import type { EventHub } from '../events.js';
import type { HeldFile } from '../files/transfers.js';
import { deferDayLegs, discardDayLegs, flushDayLegs } from '../ledger/day-totals.js';
import type { Store } from '../store/data-source.js';
import { recordResponse, replayOf, requestHash } from '../store/idempotency.js';
import { checkRows, type ImportTarget } from './checking.js';
import type { Parsed } from './reading.js';


const PROGRESS_MS = 100;
/** Page cache of the writing connection during an import (negative: KiB), instead of SQLite's 2 MB. */
const IMPORT_CACHE_KIB = -65536;

export type RunResult = { rows: number; imported: number; duplicates: number };
export type Phase = 'reading' | 'checking' | 'writing';
export type ReadWhole = (signal: AbortSignal, onProgress: (rows: number, bytes: number) => void) => Promise<Parsed>;

/**
 * One pass over a file: read, then check (and, unless a dry run, write) every row in one transaction, all rows or
 * none. The transaction is held across turns of the event loop (`Writer.exclusive`): a 50 MB file is read, checked
 * and written a thousand rows at a time, with progress events and a cancel in between, instead of one synchronous
 * block that would freeze the app. Other work on this profile waits in the writer's queue meanwhile (it cannot slip
 * into the open transaction); everything else (other channels, the market, the window) keeps going.
 */
export class ImportRuns {
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly store: Store,
    private readonly events: EventHub,
    private readonly now: () => number,
  ) {}

  cancel(fileId: string): boolean {
    const c = this.running.get(fileId);
    if (!c) return false;
    c.abort(new AppError('CANCELLED', 'Import cancelled: nothing was imported.'));
    return true;
  }

  /** The answer an earlier run with this key gave, read outside a run (a replay answers once the file is gone). */
  replayed(key: string, hash: string): Promise<RunResult | null> {
    return this.store.writer.read((db) => replay(db, key, hash));
  }

  async pass(
    file: HeldFile,
    readWhole: ReadWhole,
    activities: ActivityService,
    mode: { dryRun: boolean; idempotency?: { key: string; hash: string } },
    target: Omit<ImportTarget, 'at'>,
  ): Promise<ImportReport & { replayed?: RunResult }> {
    if (this.running.has(file.fileId)) throw new AppError('IN_USE', 'This file is already being imported or checked.');
    const controller = new AbortController();
    this.running.set(file.fileId, controller);
    const signal = controller.signal;
    let lastEmit = 0;
    const progress = (phase: Phase, rows: number, total: number, bytes: number, force = false) => {
      const t = Date.now();
      if (!force && t - lastEmit < PROGRESS_MS) return;
      lastEmit = t;
      this.events.emit('import:progress', { fileId: file.fileId, phase, rows, total, bytes, totalBytes: file.bytes });
    };
    try {
      const at = new Date(this.now()).toISOString();
      const parsed = await readWhole(signal, (rows, bytes) => progress('reading', rows, 0, bytes));
      return await this.store.writer.exclusive(async (db) => {
        const replayed = mode.idempotency && replay(db, mode.idempotency.key, mode.idempotency.hash);
        if (replayed) return { format: parsed.format, rows: replayed.rows, fresh: replayed.imported, duplicates: replayed.duplicates, errorCount: 0, errors: [], sample: [], replayed };
        const phase = mode.dryRun ? 'checking' : 'writing';
        // A file's rows touch every index of the activities table: a larger page cache for this connection while it
        // is written saves SQLite re-reading (and spilling) index pages; the connection's own setting comes back after.
        const cacheSize = db.pragma('cache_size', { simple: true }) as number;
        db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
        db.exec('BEGIN IMMEDIATE');
        try {
          const onRows = (rows: number) => progress(phase, rows, parsed.candidates.length, file.bytes);
          // The per-day history sums are added once per day and kind at the end, not once per row.
          deferDayLegs(db);
          const report = await checkRows(db, parsed, activities, { ...target, at }, signal, onRows);
          flushDayLegs(db);
          progress(phase, parsed.candidates.length, parsed.candidates.length, file.bytes, true);
          if (report.errorCount > 0) {
            db.exec('ROLLBACK');
            if (mode.dryRun) return report;
            throw new AppError('IMPORT_REJECTED', `Nothing was imported: ${report.errorCount} row${report.errorCount === 1 ? '' : 's'} cannot be imported.`, { report });
          }
          if (mode.dryRun) {
            db.exec('ROLLBACK');
            return report;
          }
          if (mode.idempotency) {
            const response: RunResult = { rows: report.rows, imported: report.fresh, duplicates: report.duplicates };
            recordResponse(db, 'import:run', mode.idempotency.key, mode.idempotency.hash, response, at);
          }
          db.exec('COMMIT');
          return report;
        } finally {
          discardDayLegs(db);
          if (db.inTransaction) db.exec('ROLLBACK');
          db.pragma(`cache_size = ${cacheSize}`);
        }
      });
    } finally {
      this.running.delete(file.fileId);
    }
  }
}

/** The request hash of an import:run: the mapping's nested fields count (store/idempotency.ts hashes at every depth). */
export function runHash(fileId: string, mapping: ImportMapping | undefined, accountId?: string): string {
  // Without an account the hash is the one a run had before the field existed.
  return requestHash('import:run', accountId === undefined ? { fileId, mapping: mapping ?? null } : { fileId, mapping: mapping ?? null, accountId });
}

/** The first answer to an import:run key, or a conflict when the key was used for another request. */
function replay(db: ReadDb, key: string, hash: string): RunResult | null {
  return replayOf<RunResult>(db, 'import:run', key, hash) ?? null;
}
