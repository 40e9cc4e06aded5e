import type { WriteDb } from '../store/writer.js';

/**
 * What a backup file says about itself. SQLite's `application_id` header field marks the file as Bourse's (so
 * `file(1)` and our restore can tell it from any other SQLite database), and a one-row-per-key table records which
 * profile it was taken from, when, and at which migration. The table only ever exists in backup files: restore
 * drops it from its staging copy before the copy becomes the profile's database.
 */
export const BOURSE_APPLICATION_ID = 0x42525345; // "BRSE"
export const STAMP_TABLE = 'bourse_backup';
/** The stamp table exactly as `writeStamp` creates it; a restore accepts no other shape under this name. */
export const STAMP_SQL = `CREATE TABLE ${STAMP_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`;

export interface BackupStamp {
  profileId: string;
  createdAt: string;
  migrations: number;
}

export function writeStamp(db: WriteDb, stamp: BackupStamp): void {
  db.pragma(`application_id = ${BOURSE_APPLICATION_ID}`);
  db.exec(`DROP TABLE IF EXISTS ${STAMP_TABLE}; ${STAMP_SQL}`);
  const put = db.prepare(`INSERT INTO ${STAMP_TABLE} (key, value) VALUES (?, ?)`);
  put.run('profileId', stamp.profileId);
  put.run('createdAt', stamp.createdAt);
  put.run('migrations', String(stamp.migrations));
}

/** The stamp of a backup file, or null for a database that has none (a profile file copied by hand). */
export function readStamp(db: WriteDb): BackupStamp | null {
  const exists = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`).get(STAMP_TABLE);
  if (!exists) return null;
  const rows = db.prepare(`SELECT key, value FROM ${STAMP_TABLE}`).all() as { key: string; value: string }[];
  const map = new Map(rows.map((r) => [r.key, r.value]));
  const profileId = map.get('profileId');
  const createdAt = map.get('createdAt');
  if (typeof profileId !== 'string' || typeof createdAt !== 'string') return null;
  return { profileId, createdAt, migrations: Number(map.get('migrations') ?? 0) };
}
