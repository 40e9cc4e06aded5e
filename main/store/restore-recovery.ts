import { existsSync, renameSync } from 'node:fs';

/** The previous database during a restore, kept until the restored one has opened and migrated. */
export const BEFORE_RESTORE_SUFFIX = '.before-restore';

/**
 * Finishes what a restore interrupted by a crash left behind, before a profile's database is opened. The restore
 * moves the live file aside, then moves the checked copy in: a crash between those two renames leaves no database
 * under the profile's name, and opening it would create an empty one. The previous database is then put back.
 * (A crash after the second rename leaves the restored, already fsynced file in place, which is what was asked for.)
 */
export function recoverInterruptedRestore(file: string): boolean {
  const previous = `${file}${BEFORE_RESTORE_SUFFIX}`;
  if (existsSync(file) || !existsSync(previous)) return false;
  renameSync(previous, file);
  return true;
}
