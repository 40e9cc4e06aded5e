import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { chmod, stat } from 'node:fs/promises';
import { commitTemp, removeQuietly, tempPathFor } from '../files/durable.js';
import type { Writer } from '../store/writer.js';
import { writeStamp, type BackupStamp } from './stamp.js';

/**
 * Writes a consistent copy of a live profile database to `final`.
 *
 * The copy is made with SQLite's online backup API on the live connection, never by copying files: the database
 * file alone misses every commit still in the -wal file, and a file copy taken during a checkpoint can be torn. The
 * backup API reads through the pager, so committed pages in the WAL are included. It runs inside the writer's queue,
 * in one step: no transaction of ours is open on the connection meanwhile, and no write lands half-way through.
 *
 * The copy is then made self-contained (rollback journal instead of WAL, so it is one file that opens read-only
 * anywhere), stamped, fsynced and renamed into place.
 */
export async function writeBackupFile(writer: Writer, final: string, stamp: BackupStamp, nativeBinding?: string): Promise<{ bytes: number }> {
  const temp = tempPathFor(final);
  try {
    await writer.exclusive((db) => copyLive(db, temp));
    const copy = new Database(temp, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    try {
      copy.pragma('journal_mode = DELETE');
      writeStamp(copy, stamp);
    } finally {
      copy.close();
    }
    // Backups hold the user's whole financial record: owner-only, like the profile database itself should be.
    await chmod(temp, 0o600);
    await commitTemp(temp, final);
    return { bytes: (await stat(final)).size };
  } catch (err) {
    for (const f of [temp, `${temp}-journal`, `${temp}-wal`, `${temp}-shm`]) await removeQuietly(f);
    throw err;
  }
}

/** All pages in one step: the whole copy happens while we hold the queue, so nothing can change in between. */
async function copyLive(db: BetterSqlite3.Database, temp: string): Promise<void> {
  await db.backup(temp, { progress: () => 0x7fffffff });
}
