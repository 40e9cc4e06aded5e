import type BetterSqlite3 from 'better-sqlite3';
import { backupRepo } from './repo.js';
import { keyed, type DbKey } from '../store/db-key.js';
import { Sqlite } from '../store/sqlite.js';
import { chmod, stat } from 'node:fs/promises';
import { commitTemp, removeQuietly, tempPathFor } from '../files/durable.js';
import type { Writer } from '../store/writer.js';
import { writeStamp, type BackupStamp } from './stamp.js';

/**
 * Writes a consistent copy of a live profile database to `final`.
 *
 * The copy is made with VACUUM INTO on the live connection, never by copying files: the database file alone misses
 * every commit still in the -wal file, and a file copy taken during a checkpoint can be torn. VACUUM INTO reads
 * through the pager, so committed pages in the WAL are included, and writes the copy encrypted under the profile's
 * own key (docs/design.md#encryption-at-rest; SQLite's backup API refuses an encrypted source). It runs inside the
 * writer's queue, in one step: no transaction of ours is open meanwhile, and no write lands half-way through.
 *
 * The copy is self-contained (rollback journal, one file), then stamped, fsynced and renamed into place.
 */
export async function writeBackupFile(writer: Writer, final: string, stamp: BackupStamp, key: DbKey, nativeBinding?: string): Promise<{ bytes: number }> {
  const temp = tempPathFor(final);
  try {
    await writer.exclusive((db) => copyLive(db, temp));
    const copy = keyed(new Sqlite(temp, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) }), key);
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
  await Promise.resolve();
  backupRepo.vacuumInto(db, temp);
}
