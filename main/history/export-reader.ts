import type Database from 'better-sqlite3';
import { DbKey, keyed } from '../store/db-key.js';
import { Sqlite } from '../store/sqlite.js';

/**
 * The read-only connections an export streams from, on main (a small export) and in each thread of a split one
 * (export-part.ts), keyed like the profile's store (the key travels to a thread as hex, in memory only).
 */
export function openExportReader(file: string, keyHex: string, nativeBinding: string | undefined, cacheMib: number): Database.Database {
  const reader = keyed(new Sqlite(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) }), DbKey.fromHex(keyHex));
  try {
    reader.pragma('busy_timeout = 5000');
    // An export reads most of the file in index order, i.e. in random table order: a page cache of its own, and up
    // to 256 MB of the file mapped (1M rows: 22 s without, 16 s with a full map). Mapped pages are the OS's page
    // cache (shared by the threads of a split export) and count as resident memory while mapped; both are bounded.
    reader.pragma(`cache_size = -${cacheMib * 1024}`);
    reader.pragma('mmap_size = 268435456');
    return reader;
  } catch (err) {
    reader.close();
    throw err;
  }
}

/** Starts the read transaction and takes its snapshot (SQLite takes it at the first read, not at BEGIN). */
export function beginSnapshot(reader: Database.Database): void {
  reader.exec('BEGIN');
  reader.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
}

/** Ends the read transaction (a checkpoint may then pass it) and closes the connection. */
export function closeExportReader(reader: Database.Database): void {
  if (reader.inTransaction) reader.exec('COMMIT');
  reader.close();
}
