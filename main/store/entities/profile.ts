import { EntitySchema } from 'typeorm';

/** A local profile in the app registry (`profiles.db`). Its data lives in its own database file. */
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
    id: { type: 'text', primary: true },
    username: { type: 'text' },
    passwordHash: { name: 'password_hash', type: 'text' },
    createdAt: { name: 'created_at', type: 'text' },
    failedAttempts: { name: 'failed_attempts', type: 'integer', default: 0 },
    lastFailedAt: { name: 'last_failed_at', type: 'text', nullable: true },
  },
});
