import type { ProfileRow } from '../store/entities/app/profile.js';
import { statements } from '../store/statements.js';
import type { ReadDb, WriteDb } from '../store/writer.js';

const COLUMNS =
  'id, username, password_hash AS passwordHash, created_at AS createdAt, failed_attempts AS failedAttempts, last_failed_at AS lastFailedAt, ' +
  'key_params AS keyParams, pending_password_hash AS pendingPasswordHash, pending_key_params AS pendingKeyParams, pending_file_id AS pendingFileId, retired_key_params AS retiredKeyParams';
const READ = {
  all: `SELECT ${COLUMNS} FROM profiles ORDER BY username`,
  byId: `SELECT ${COLUMNS} FROM profiles WHERE id = ?`,
};
const SQL = {
  insert: 'INSERT INTO profiles (id, username, password_hash, created_at, failed_attempts, last_failed_at, key_params) VALUES (?, ?, ?, ?, ?, ?, ?)',
  beginRekey: 'UPDATE profiles SET pending_password_hash = ?, pending_key_params = ?, pending_file_id = ? WHERE id = ?',
  // The key parameters being replaced are kept (SQLite evaluates every SET against the row as it was).
  promote:
    'UPDATE profiles SET password_hash = pending_password_hash, key_params = pending_key_params, ' +
    "retired_key_params = CASE WHEN key_params IS NULL THEN retired_key_params ELSE coalesce(retired_key_params || char(10), '') || key_params END, " +
    'pending_password_hash = NULL, pending_key_params = NULL, pending_file_id = NULL WHERE id = ? AND pending_file_id IS NOT NULL',
  setKeyParams: 'UPDATE profiles SET key_params = ? WHERE id = ? AND key_params IS NULL',
  dropPending: 'UPDATE profiles SET pending_password_hash = NULL, pending_key_params = NULL, pending_file_id = NULL WHERE id = ?',
  succeeded: 'UPDATE profiles SET failed_attempts = 0, last_failed_at = NULL WHERE id = ?',
  setHash: 'UPDATE profiles SET password_hash = ? WHERE id = ?',
  failed: 'UPDATE profiles SET failed_attempts = failed_attempts + 1, last_failed_at = ? WHERE id = ?',
};

/** The profile registry's rows (app database). */
export const profileRepo = {
  all: (db: ReadDb): ProfileRow[] => statements(db, READ).all.all() as ProfileRow[],
  byId: (db: ReadDb, id: string): ProfileRow | undefined => statements(db, READ).byId.get(id) as ProfileRow | undefined,
  insert(db: WriteDb, r: ProfileRow): void {
    statements(db, SQL).insert.run(r.id, r.username, r.passwordHash, r.createdAt, r.failedAttempts, r.lastFailedAt, r.keyParams);
  },
  /** Records a re-key about to commit: the hash and key parameters that hold once the file is `fileId`. */
  beginRekey(db: WriteDb, id: string, p: { passwordHash: string; keyParams: string; fileId: string }): void {
    statements(db, SQL).beginRekey.run(p.passwordHash, p.keyParams, p.fileId, id);
  },
  promote(db: WriteDb, id: string): void {
    statements(db, SQL).promote.run(id);
  },
  setKeyParams(db: WriteDb, id: string, keyParams: string): void {
    statements(db, SQL).setKeyParams.run(keyParams, id);
  },
  dropPending(db: WriteDb, id: string): void {
    statements(db, SQL).dropPending.run(id);
  },
  succeeded(db: WriteDb, id: string): void {
    statements(db, SQL).succeeded.run(id);
  },
  setHash(db: WriteDb, id: string, hash: string): void {
    statements(db, SQL).setHash.run(hash, id);
  },
  failed(db: WriteDb, id: string, at: string): void {
    statements(db, SQL).failed.run(at, id);
  },
};
