import type BetterSqlite3 from 'better-sqlite3';
import { keyed, type DbKey } from '../store/db-key.js';
import { Sqlite } from '../store/sqlite.js';
import { mkdirSync } from 'node:fs';
import { rename, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from '../../shared/errors.js';
import type { EventHub } from '../events.js';
import { fsyncDir, fsyncFile, removeQuietly, sweepStaleTemps } from '../files/durable.js';
import type { FileTransfers } from '../files/transfers.js';
import type { ProfileScope } from '../session/scope.js';
import type { SessionService } from '../session/service.js';
import { writeBackupFile } from './backup-file.js';
import { checkHeader, inspectDatabase, openReadOnly, refuse } from './inspect.js';
import { BEFORE_RESTORE_SUFFIX } from '../store/restore-recovery.js';
import { failureNote } from './failure-note.js';
import { encryptPlainBackups } from './plain-backups.js';
import { RestoreSources } from './restore-sources.js';
import { profileMigrationNames } from './schema.js';
import { backupRepo } from './repo.js';

export const BACKUP_EXTENSION = '.bourse-backup';

export interface BackupInfo {
  path: string;
  bytes: number;
  createdAt: string;
}

export interface RestoreResult {
  restoredFrom: string;
  /** The backup's creation time from its stamp (null for a hand-copied profile file). */
  backupCreatedAt: string | null;
  /** Our migrations the backup had applied; fewer than `migrationsNow` means it was migrated on open. */
  migrationsBefore: number;
  migrationsNow: number;
  /** A backup of the profile as it was just before the restore, so a restore can itself be undone. */
  safetyBackup: BackupInfo;
}

/**
 * Backup and restore of the signed-in profile's database. No Electron here: the desktop's save/open dialogs live in
 * main/electron and hand their choice over (`sources.grant`); the browser host will stream the same files.
 */
export class BackupService {
  readonly backupsDir: string;
  readonly sources: RestoreSources;
  private seq = 0;
  /** The encryption of plain backups started at the last sign-in (they are encrypted one sign-in after another). */
  private plainBackups: Promise<void> = Promise.resolve();

  constructor(
    dataDir: string,
    private readonly session: SessionService,
    private readonly events: EventHub,
    private readonly nativeBinding?: string,
    private readonly now: () => number = Date.now,
    /** The app's logger: told of backups left plain (by file name and failure code, never a path, key or password). */
    private readonly logError: (message: string, detail?: unknown) => void = () => undefined,
  ) {
    this.backupsDir = join(dataDir, 'backups');
    this.sources = new RestoreSources(dataDir, this.backupsDir);
    // In the background, so sign-in does not wait for it; listing and restoring wait (settled).
    session.onSignIn((active) => {
      this.plainBackups = this.plainBackups.then(() => this.encryptPlain(active));
    });
  }

  /** Resolves once the plain backups found at the last sign-in are encrypted (or found unreadable and left). */
  settled(): Promise<void> {
    return this.plainBackups;
  }

  /**
   * Backups made before encryption are encrypted under the profile's key (main/backup/plain-backups.ts). A failure
   * here (the folder gone, a full disk, a damaged backup) leaves them plain until the next sign-in, which tries
   * again; it is not the sign-in's error, but it is logged: a plain copy of the ledger stays on disk meanwhile.
   */
  private async encryptPlain(active: ProfileScope): Promise<void> {
    const key = active.store.key;
    if (!key) return;
    try {
      const result = await encryptPlainBackups(this.backupsDir, active.profile.id, key, this.nativeBinding);
      for (const left of result.unreadable) {
        this.logError(`backup: plain backup ${left.name} left unencrypted until the next sign-in`, failureNote(left.error));
      }
    } catch (err) {
      this.logError('backup: encrypting plain backups stopped; the rest are tried at the next sign-in', failureNote(err));
    }
  }

  /** Backs the signed-in profile up into `<dataDir>/backups/<profile>-<timestamp>.bourse-backup`. */
  async create(label = ''): Promise<BackupInfo> {
    const active = this.session.require();
    return this.backup(active, label);
  }

  /**
   * Restores a backup of the signed-in profile. An encrypted backup opens under the profile's key; one made before a
   * password change opens with `password`, the password it was made with (tried under each earlier key's
   * parameters, newest first), and is re-encrypted under the current key on the way in.
   */
  async restore(input: string, password?: string): Promise<RestoreResult> {
    this.session.require();
    // A backup being encrypted is renamed under the restore's feet otherwise.
    await this.settled();
    const active = this.session.require();
    const source = await this.sources.resolve(input);
    const live = active.store.file;
    const staging = `${live}.restoring`;
    await removeQuietly(staging);
    // Everything is checked on the candidate and copied out of it before the live database is touched at all.
    let inspection: Awaited<ReturnType<typeof inspectDatabase>>;
    try {
      const { encrypted } = await checkHeader(source.file);
      const key = profileKey(active);
      const opened = encrypted ? await this.openEncrypted(source.file, key, password) : openReadOnly(source.file, null, this.nativeBinding);
      const candidate = opened.db;
      try {
        inspection = await inspectDatabase(candidate, this.nativeBinding);
        if (source.insideDataDir && inspection.stamp?.profileId !== active.profile.id) {
          // Backups of every profile on this machine share the backups folder; one profile must not read another's.
          throw refuse('other-profile', 'This backup belongs to another profile.');
        }
        await copyOut(candidate, staging);
      } finally {
        candidate.close();
      }
      this.prepareStaging(staging, opened.key, key);
    } catch (err) {
      await removeFamily(staging);
      if (err instanceof AppError) throw err;
      throw refuse('corrupt', 'This backup could not be read.', { cause: err instanceof Error ? err.message.slice(0, 200) : 'unknown' });
    }
    const safetyBackup = await this.backup(active, '-before-restore');
    const previous = `${live}${BEFORE_RESTORE_SUFFIX}`;
    // Set once the live file has moved aside: before that, a rollback has nothing to undo and must touch nothing.
    let movedAside = false;
    try {
      const restored = await this.session.swapStore({
        replace: async (file) => {
          await assertNoWal(file);
          await removeFamily(previous);
          await rename(file, previous);
          movedAside = true;
          await rename(staging, file);
          await fsyncDir(dirname(file));
        },
        rollback: async (file) => {
          if (!movedAside) return;
          // The restored file failed to open or migrate: put the previous database back exactly as it was.
          await removeFamily(file);
          await rename(previous, file).catch(() => undefined);
          await removeFamily(staging);
          await fsyncDir(dirname(file)).catch(() => undefined);
        },
        commit: async () => {
          await removeFamily(previous);
        },
      });
      this.sources.consume(source.file);
      await this.announce(restored);
    } catch (err) {
      await removeFamily(staging);
      if (err instanceof AppError) throw err;
      throw refuse('corrupt', 'This backup could not be opened by Bourse; your profile was left as it was.', {
        cause: err instanceof Error ? err.message.slice(0, 200) : 'unknown',
      });
    }
    return {
      restoredFrom: source.file,
      backupCreatedAt: inspection.stamp?.createdAt ?? null,
      migrationsBefore: inspection.migrations,
      migrationsNow: profileMigrationNames().length,
      safetyBackup,
    };
  }

  /** Restores from a file the user uploaded (browser host); the upload is discarded once restored. */
  async restoreUpload(transfers: FileTransfers, fileId: string, password?: string): Promise<RestoreResult> {
    const file = transfers.resolve(fileId);
    const result = await this.restore(await this.sources.grant(file.path), password);
    await transfers.discard(fileId);
    return result;
  }

  private async openEncrypted(file: string, key: DbKey, password: string | undefined): Promise<ReturnType<typeof openReadOnly>> {
    try {
      return openReadOnly(file, key, this.nativeBinding);
    } catch (err) {
      if (password === undefined || !(err instanceof AppError) || (err.details as { reason?: string } | undefined)?.reason !== 'other-profile') throw err;
    }
    for await (const earlier of this.session.earlierKeys(password)) {
      try {
        return openReadOnly(file, earlier, this.nativeBinding);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
      }
    }
    throw refuse('other-profile', 'This backup belongs to another profile, or the password given is not the one it was made with.');
  }

  private async backup(active: ProfileScope, label: string): Promise<BackupInfo> {
    mkdirSync(this.backupsDir, { recursive: true, mode: 0o700 });
    await sweepStaleTemps(this.backupsDir);
    const createdAt = new Date(this.now()).toISOString();
    const path = join(this.backupsDir, `${active.profile.id}-${this.stampName(createdAt)}${label}${BACKUP_EXTENSION}`);
    const { bytes } = await writeBackupFile(
      active.store.writer,
      path,
      { profileId: active.profile.id, createdAt, migrations: profileMigrationNames().length },
      profileKey(active),
      this.nativeBinding,
    );
    return { path, bytes, createdAt };
  }

  /** `20250101T120000123Z-1`: sortable, valid on every file system, unique within this process. */
  private stampName(iso: string): string {
    this.seq += 1;
    return `${iso.replace(/[-:.]/g, '')}-${this.seq}`;
  }

  /**
   * The staging copy becomes the profile's database: encrypted under the profile's key in the current format (a
   * backup from before encryption is plain until here, an older one in the earlier format; `opened` is the key
   * that opened it), without the backup stamp.
   */
  private prepareStaging(staging: string, opened: DbKey | null, key: DbKey): void {
    const db = keyed(new Sqlite(staging, { fileMustExist: true, ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}) }), opened);
    try {
      if (opened !== key) key.rekey(db);
      backupRepo.dropStamp(db);
    } finally {
      db.close();
    }
  }

  /** Tells every window to reload: the session (same profile, new data) and each wallet's balance. */
  private async announce(active: ProfileScope): Promise<void> {
    for (const w of await active.wallets.list(0)) this.events.emit('wallet:changed', { currency: w.currency, balance: w.balance });
  }
}

/**
 * Copies the candidate with VACUUM INTO (it may itself be in WAL mode with a sidecar; the copy keeps its key and is
 * in rollback-journal mode), then fsyncs.
 */
async function copyOut(candidate: BetterSqlite3.Database, staging: string): Promise<void> {
  backupRepo.vacuumInto(candidate, staging);
  await fsyncFile(staging);
}

function profileKey(active: ProfileScope): DbKey {
  if (!active.store.key) throw new Error('A profile store is always opened with its key.');
  return active.store.key;
}

/**
 * After the live store closed, its WAL must have been checkpointed away. A WAL left behind (another process still
 * holding the database) would be replayed onto the restored file, so the restore stops before moving anything.
 */
async function assertNoWal(file: string): Promise<void> {
  const wal = await stat(`${file}-wal`).catch(() => null);
  if (wal && wal.size > 0) throw new AppError('IN_USE', 'The profile database is still in use by another process; close it and try again.');
  await removeQuietly(`${file}-wal`);
  await removeQuietly(`${file}-shm`);
}

async function removeFamily(file: string): Promise<void> {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) await removeQuietly(f);
}
