import { create } from 'zustand';
import type { FileRef, Response } from '../../../shared/contract/index.js';
import { call, type CallResult } from '../api/client.js';
import { isDesktop, upload } from '../api/files.js';

export type Backup = Response<'backup:list'>[number];
/** What a restore replaces the profile's data with: one of its listed backups, or a file the user chose. */
export type RestoreSource = { kind: 'listed'; backup: Backup } | { kind: 'file'; file: FileRef };

interface BackupStore {
  backups: Backup[];
  /** The desktop picks files in main's own dialogs; a browser uploads the file the page chose. */
  desktop: boolean;
  load(): Promise<void>;
  create(): Promise<CallResult<Response<'backup:create'>>>;
  /** Browser host: a one-time address to save a listed backup from. */
  downloadUrl(name: string): Promise<CallResult<Response<'backup:download'>>>;
  /** A backup file to restore from: the desktop's dialog (null when it was closed), or `file` sent to the host. */
  pick(file?: File): Promise<CallResult<FileRef | null>>;
  /**
   * Checks the file, makes a safety backup of the current data, then restores; nothing changes on a refusal.
   * `password`: the one the backup was made with, when the profile's password changed since (main tries it under
   * each earlier key; a refusal keeps a picked or uploaded file, so the same source can be tried again).
   */
  restore(source: RestoreSource, password?: string): Promise<CallResult<Response<'backup:restore'>>>;
  /** The user kept the current data: a picked or uploaded file is not needed any more. */
  discard(source: RestoreSource): Promise<void>;
  reset(): void;
}

/**
 * A restore refused because the backup does not open under the profile's current key: made before a password
 * change (it opens with the password it was made with) or another profile's (no password of ours opens it).
 */
export function needsBackupPassword(error: { code: string; details?: unknown }): boolean {
  return error.code === 'INVALID_BACKUP' && (error.details as { reason?: unknown } | undefined)?.reason === 'other-profile';
}

export const useBackups = create<BackupStore>((set, get) => ({
  backups: [],
  desktop: isDesktop(),
  async load() {
    const r = await call('backup:list', {});
    if (r.ok) set({ backups: r.data });
  },
  async create() {
    const r = await call('backup:create', {});
    if (r.ok) void get().load();
    return r;
  },
  downloadUrl: (name) => call('backup:download', { name }),
  async pick(file) {
    if (get().desktop) {
      const r = await call('files:pick', { purpose: 'restore' });
      return r.ok ? { ok: true, data: r.data.file } : r;
    }
    if (!file) return { ok: true, data: null };
    return upload(file);
  },
  async restore(source, password) {
    const given = password ? { password } : {};
    const r =
      source.kind === 'listed'
        ? await call('backup:restore', { path: source.backup.name, ...given })
        : await call('backup:restoreFile', { fileId: source.file.fileId, ...given });
    if (r.ok) void get().load();
    return r;
  },
  async discard(source) {
    if (source.kind === 'file') await call('files:discard', { fileId: source.file.fileId });
  },
  reset() {
    set({ backups: [] });
  },
}));
