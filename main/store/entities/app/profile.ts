import { EntitySchema } from 'typeorm';

/** A local profile in the app registry (`app.db`). Its data lives in its own database file. */
export interface ProfileRow {
  id: string;
  username: string;
  passwordHash: string;
  createdAt: string;
  failedAttempts: number;
  lastFailedAt: string | null;
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
  },
});
