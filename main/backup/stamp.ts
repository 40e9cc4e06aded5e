import type { ReadDb, WriteDb } from '../store/writer.js';
import { backupRepo } from './repo.js';

export { STAMP_SQL, STAMP_TABLE } from './repo.js';

/**
 * What a backup file says about itself. SQLite's `application_id` header field marks the file as Bourse's (so
 * `file(1)` and our restore can tell it from any other SQLite database), and a one-row-per-key table records which
 * profile it was taken from, when, and at which migration. The table only ever exists in backup files: restore
 * drops it from its staging copy before the copy becomes the profile's database.
 */
export const BOURSE_APPLICATION_ID = 0x42525345; // "BRSE"

export interface BackupStamp {
  profileId: string;
  createdAt: string;
  migrations: number;
}

export function writeStamp(db: WriteDb, stamp: BackupStamp): void {
  db.pragma(`application_id = ${BOURSE_APPLICATION_ID}`);
  backupRepo.writeStampRows(db, [
    ['profileId', stamp.profileId],
    ['createdAt', stamp.createdAt],
    ['migrations', String(stamp.migrations)],
  ]);
}

/** The stamp of a backup file, or null for a database that has none (a profile file copied by hand). */
export function readStamp(db: ReadDb): BackupStamp | null {
  const map = backupRepo.stampRows(db);
  if (!map) return null;
  const profileId = map.get('profileId');
  const createdAt = map.get('createdAt');
  if (typeof profileId !== 'string' || typeof createdAt !== 'string') return null;
  return { profileId, createdAt, migrations: Number(map.get('migrations') ?? 0) };
}
