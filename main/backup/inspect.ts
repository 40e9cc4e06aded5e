import type BetterSqlite3 from 'better-sqlite3';
import { backupRepo } from './repo.js';
import { keyed, WrongKeyError, type DbKey } from '../store/db-key.js';
import { Sqlite } from '../store/sqlite.js';
import { open } from 'node:fs/promises';
import { AppError } from '../../shared/errors.js';
import { profileMigrationNames, referenceSchema, schemaDifferences, schemaObjects } from './schema.js';
import { BOURSE_APPLICATION_ID, readStamp, type BackupStamp } from './stamp.js';

/** Why a candidate was refused; travels as `details.reason` of INVALID_BACKUP so the UI can word it. */
export type RefusalReason = 'not-sqlite' | 'truncated' | 'corrupt' | 'foreign' | 'newer' | 'other-profile' | 'schema';

export function refuse(reason: RefusalReason, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('INVALID_BACKUP', message, { reason, ...extra });
}

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Cheap checks on the raw header before SQLite sees the file, so the common wrong picks get a precise answer: not a
 * SQLite file at all, or one cut short (the header's page count, when valid, promises more bytes than there are).
 */
export async function checkHeader(file: string): Promise<{ encrypted: boolean }> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    const header = Buffer.alloc(100);
    const { bytesRead } = await fh.read(header, 0, 100, 0);
    if (bytesRead < 100) throw refuse('not-sqlite', 'This file is not a Bourse backup (it is not a SQLite database).');
    // An encrypted database shows only its salt and ciphertext: SQLite and the key decide (openReadOnly).
    if (!header.subarray(0, 16).equals(MAGIC)) return { encrypted: true };
    const rawPageSize = header.readUInt16BE(16);
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    const pages = header.readUInt32BE(28);
    // The in-header size is trusted only when "version-valid-for" matches the change counter (SQLite's own rule).
    const sizeValid = pages > 0 && header.readUInt32BE(92) === header.readUInt32BE(24);
    if (pageSize < 512 || size % pageSize !== 0 || (sizeValid && size < pages * pageSize)) {
      throw refuse('truncated', 'This backup is incomplete (the file is shorter than the database it holds).', { bytes: size });
    }
    return { encrypted: false };
  } finally {
    await fh.close();
  }
}

export interface Inspection {
  /** How many of our migrations the backup has applied (fewer than ours: it is migrated when opened). */
  migrations: number;
  stamp: BackupStamp | null;
}

/**
 * Decides whether an open (read-only) database is a Bourse profile we can restore: intact, Bourse's, at a migration
 * this version knows, with exactly the schema those migrations produce.
 */
export async function inspectDatabase(db: BetterSqlite3.Database, nativeBinding?: string): Promise<Inspection> {
  let integrity: unknown;
  try {
    integrity = db.pragma('integrity_check', { simple: true });
  } catch (err) {
    throw refuse('corrupt', 'This backup is damaged and cannot be read.', { sqlite: sqliteCode(err) });
  }
  if (integrity !== 'ok') {
    throw refuse('corrupt', 'This backup is damaged (SQLite integrity check failed).', { check: String(integrity).slice(0, 200) });
  }
  const appId = db.pragma('application_id', { simple: true });
  if (appId !== 0 && appId !== BOURSE_APPLICATION_ID) throw refuse('foreign', 'This file is another application’s database.');
  const applied = appliedMigrations(db);
  const ours = profileMigrationNames();
  const common = applied.findIndex((name, i) => name !== ours[i]);
  if (applied.length === 0) throw refuse('foreign', 'This SQLite database is not a Bourse profile.');
  if (common !== -1 && common < ours.length) {
    throw refuse('foreign', 'This SQLite database is not a Bourse profile (unknown schema history).');
  }
  if (applied.length > ours.length) {
    throw refuse('newer', 'This backup was made by a newer version of Bourse. Update Bourse, then restore it.', {
      unknownMigrations: applied.slice(ours.length, ours.length + 5),
    });
  }
  // Every table, index, trigger and view, with its SQL, exactly as our migrations make them: an extra trigger
  // would run inside the profile's own transactions after the restore (docs/design.md#security).
  const differences = schemaDifferences(schemaObjects(db), await referenceSchema(applied.length, nativeBinding));
  if (differences.length > 0) {
    throw refuse('schema', 'This backup’s database structure is not exactly what Bourse makes (it holds objects Bourse did not create, or lacks some); it was not restored.', {
      differences: differences.slice(0, 10),
    });
  }
  return { migrations: applied.length, stamp: readStamp(db) };
}

function appliedMigrations(db: BetterSqlite3.Database): string[] {
  try {
    return backupRepo.migrationNames(db);
  } catch {
    // No `migrations` table, or one without a name column: not TypeORM's, so not ours.
    return [];
  }
}

/**
 * Opens a candidate read-only: a backup made before encryption is plain (`key` null); an encrypted one opens only
 * under the key of the profile it was made from (the same password), so a backup restores into that profile alone.
 * A backup written in the earlier cipher format opens under the same key in that format. Answers the connection and
 * the key that opened it.
 */
export function openReadOnly(file: string, key: DbKey | null, nativeBinding?: string): { db: BetterSqlite3.Database; key: DbKey | null } {
  const open = (k: DbKey | null) => keyed(new Sqlite(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) }), k);
  try {
    try {
      return { db: open(key), key };
    } catch (err) {
      const old = key?.inFormat('sqlcipher-4');
      if (!(err instanceof WrongKeyError) || !old || old === key) throw err;
      return { db: open(old), key: old };
    }
  } catch (err) {
    if (err instanceof WrongKeyError) {
      throw refuse('other-profile', 'This backup belongs to another profile, or was made before this profile’s password changed.');
    }
    throw refuse('corrupt', 'This backup cannot be opened.', { sqlite: sqliteCode(err) });
  }
}

function sqliteCode(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}
