import { EntitySchema } from 'typeorm';

/** A local profile in the app registry (`app.db`). Its data lives in its own database file. */
export interface ProfileRow {
  id: string;
  username: string;
  passwordHash: string;
  createdAt: string;
  failedAttempts: number;
  lastFailedAt: string | null;
  /** How the database key is derived (`scrypt$N$r$p$salt`); null: a database from before encryption. */
  keyParams: string | null;
  /** A re-key in flight: what holds once the file's id is `pendingFileId` (main/store/rekey.ts). */
  pendingPasswordHash: string | null;
  pendingKeyParams: string | null;
  pendingFileId: string | null;
  /** Key parameters before each password change, one per line, oldest first: a backup made then still opens. */
  retiredKeyParams: string | null;
}

export const ProfileEntity = new EntitySchema<ProfileRow>({
  name: 'Profile',
  tableName: 'profiles',
  columns: {
    // Nullable as written by its migration (no NOT NULL): SQLite lets a TEXT primary key of a rowid table hold NULL.
    id: { type: 'text', primary: true, nullable: true },
    // Unique regardless of case: the unique index compares with the column's NOCASE collation.
    username: { type: 'text', unique: true, collation: 'NOCASE' },
    passwordHash: { name: 'password_hash', type: 'text' },
    createdAt: { name: 'created_at', type: 'text' },
    failedAttempts: { name: 'failed_attempts', type: 'integer', default: 0 },
    lastFailedAt: { name: 'last_failed_at', type: 'text', nullable: true },
    keyParams: { name: 'key_params', type: 'text', nullable: true },
    pendingPasswordHash: { name: 'pending_password_hash', type: 'text', nullable: true },
    pendingKeyParams: { name: 'pending_key_params', type: 'text', nullable: true },
    pendingFileId: { name: 'pending_file_id', type: 'text', nullable: true },
    retiredKeyParams: { name: 'retired_key_params', type: 'text', nullable: true },
  },
});
