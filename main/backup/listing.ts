import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../shared/errors.js';
import { BACKUP_EXTENSION } from './service.js';

export interface ListedBackup {
  name: string;
  path: string;
  bytes: number;
  createdAt: string;
}

/** `<profile>-20250101T120000123Z-1[-label].bourse-backup` → the ISO time in its name (see BackupService.stampName). */
function stampOf(name: string, profileId: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(name.slice(profileId.length + 1));
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : null;
}

/** The profile's own backups in the backups folder, newest first. Other profiles' files are never listed. */
export async function listBackups(backupsDir: string, profileId: string): Promise<ListedBackup[]> {
  const names = await readdir(backupsDir).catch(() => [] as string[]);
  const out: ListedBackup[] = [];
  for (const name of names) {
    if (!name.startsWith(`${profileId}-`) || !name.endsWith(BACKUP_EXTENSION)) continue;
    const path = join(backupsDir, name);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) continue;
    out.push({ name, path, bytes: info.size, createdAt: stampOf(name, profileId) ?? info.mtime.toISOString() });
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

export async function ownBackup(backupsDir: string, profileId: string, name: string): Promise<ListedBackup> {
  const found = (await listBackups(backupsDir, profileId)).find((b) => b.name === name);
  if (!found) throw new AppError('NOT_FOUND', 'There is no such backup of this profile.', { name });
  return found;
}
