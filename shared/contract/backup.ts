import { z } from 'zod';
import { Empty } from './common.js';

/** A backup file written by main. `path` is main's own path; the browser host will offer the file as a download. */
export const BackupInfo = z.object({ path: z.string(), bytes: z.number(), createdAt: z.string() });
export type BackupInfo = z.infer<typeof BackupInfo>;

export const RestoreResult = z.object({
  restoredFrom: z.string(),
  backupCreatedAt: z.string().nullable(),
  migrationsBefore: z.number(),
  migrationsNow: z.number(),
  /** The profile as it was just before the restore, so the restore itself can be undone. */
  safetyBackup: BackupInfo,
});
export type RestoreResult = z.infer<typeof RestoreResult>;

export const backupChannels = {
  /** Backs the signed-in profile up into `<dataDir>/backups` (the desktop will offer a save dialog in main). */
  'backup:create': { auth: 'session', request: Empty, response: BackupInfo },
  /**
   * Replaces the signed-in profile's data with a backup. `path` is a file name in `<dataDir>/backups` (or a path
   * into it), or a file main was told the user picked in its own dialog; anything else is refused (main/backup).
   */
  'backup:restore': {
    auth: 'session',
    request: z.strictObject({
      path: z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'must not contain NUL'),
      /** The password the backup was made with, when the profile's password has changed since. */
      password: z.string().min(1).max(256).optional(),
    }),
    response: RestoreResult,
  },
  /** The signed-in profile's backups in `<dataDir>/backups`, newest first (the History page's backup section). */
  'backup:list': { auth: 'session', request: Empty, response: z.array(BackupInfo.extend({ name: z.string() })) },
  /** Browser host: a one-time download address for one of those backups (by file name). */
  'backup:download': {
    auth: 'session',
    request: z.strictObject({ name: z.string().min(1).max(255).regex(/^[^\\/\0]+$/, 'a file name') }),
    response: z.object({ url: z.string() }),
  },
  /** Restores from a file main holds: picked in its open dialog (files:pick) or uploaded to the browser host. */
  'backup:restoreFile': {
    auth: 'session',
    request: z.strictObject({ fileId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/), password: z.string().min(1).max(256).optional() }),
    response: RestoreResult,
  },
} as const;
