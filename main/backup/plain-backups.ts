import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DbKey } from '../store/db-key.js';
import { commitRekeyedCopy, isPlainSqlite, REKEY_SUFFIX, removeRekeyedCopy, writeRekeyedCopy } from '../store/rekey.js';
import { listBackups } from './listing.js';

export interface PlainBackupsResult {
  /** Backup file names now encrypted under the profile's key. */
  encrypted: string[];
  /**
   * Plain backups that could not be copied encrypted (damaged, or the disk full): left as they were, never replaced
   * by a partial copy, and tried again at the next sign-in; with why, for the log.
   */
  unreadable: { name: string; error: unknown }[];
}

/**
 * Backups made before encryption are plain SQLite files holding the whole ledger. At sign-in, each of the profile's
 * own plain backups is encrypted under its key the way a re-key is done (main/store/rekey.ts): a copy beside it
 * (`<backup>.rekey`), encrypted, checked (quick_check and every table's row count against the plain file) and
 * fsynced, then renamed over the plain file, so the plain file is gone exactly when its encrypted copy takes its
 * name. Killed at any moment, the folder holds the plain backup (converted at the next sign-in) or the encrypted one,
 * never neither; a copy left half-made by a kill is removed first. Only the signed-in profile's backups (by the
 * `<profile id>-` name) are touched: another profile's key is not here.
 */
export async function encryptPlainBackups(backupsDir: string, profileId: string, key: DbKey, nativeBinding?: string): Promise<PlainBackupsResult> {
  await removeOrphanCopies(backupsDir, profileId);
  const result: PlainBackupsResult = { encrypted: [], unreadable: [] };
  for (const backup of await listBackups(backupsDir, profileId)) {
    if (!(await isPlainSqlite(backup.path))) continue;
    try {
      await writeRekeyedCopy(backup.path, null, key, nativeBinding);
    } catch (error) {
      // writeRekeyedCopy removed its copy: the backup stays as it was, to be tried again at the next sign-in.
      result.unreadable.push({ name: backup.name, error });
      continue;
    }
    await commitRekeyedCopy(backup.path);
    result.encrypted.push(backup.name);
  }
  return result;
}

/** `.rekey` copies (and their journals) of this profile's backups left by a conversion that was killed. */
async function removeOrphanCopies(backupsDir: string, profileId: string): Promise<void> {
  const names = await readdir(backupsDir).catch(() => [] as string[]);
  const copyOf = new RegExp(`^(${escape(profileId)}-.+)${escape(REKEY_SUFFIX)}(-journal|-wal|-shm)?$`);
  const backups = new Set<string>();
  for (const name of names) {
    const m = copyOf.exec(name);
    if (m?.[1]) backups.add(m[1]);
  }
  for (const backup of backups) await removeRekeyedCopy(join(backupsDir, backup));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
