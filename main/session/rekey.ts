import type { NextCredentials, ProfileRegistry } from '../profiles/service.js';
import type { DbKey } from '../store/db-key.js';
import { commitRekeyedCopy, isPlainSqlite, upgradeFormat, writeRekeyedCopy } from '../store/rekey.js';
import { recoverInterruptedRestore } from '../store/restore-recovery.js';

/**
 * Re-keys a closed profile database (a password change) or encrypts one from before encryption (`from` null):
 * copy, check, record the copy's id with the new credentials, then one rename. A crash anywhere leaves the profile
 * opening with exactly one of the two passwords and every acknowledged write in it (ProfileRegistry.settleRekey).
 */
export function rekeyProfile(
  registry: ProfileRegistry,
  profileId: string,
  file: string,
  from: DbKey | null,
  next: NextCredentials,
  nativeBinding?: string,
): Promise<void> {
  return registry.whileRekeying(profileId, async () => {
    const fileId = await writeRekeyedCopy(file, from, next.key, nativeBinding);
    await registry.beginRekey(profileId, { passwordHash: next.passwordHash, keyParams: next.keyParams, fileId });
    await commitRekeyedCopy(file);
    await registry.finishRekey(profileId);
    // Whatever failed on the way, settling (once the re-key is no longer running) puts the row in line with the file.
  }).finally(() => registry.settleRekey(profileId));
}

/**
 * The key of a profile just verified with `password` (`derived` when sign-in already derived it). A profile from before encryption gets its key now, and its
 * plain database is encrypted before anything opens it; the plain file (with its -wal and -shm) is gone after. A
 * file in an earlier cipher format is rewritten in the current one first.
 */
export async function keyForSignIn(
  registry: ProfileRegistry,
  profileId: string,
  password: string,
  file: string,
  derived: DbKey | null,
  nativeBinding?: string,
): Promise<DbKey> {
  const key = derived ?? (await registry.keyOf(profileId, password));
  if (key) {
    recoverInterruptedRestore(file);
    await registry.whileRekeying(profileId, () => upgradeFormat(file, key, nativeBinding));
    return key;
  }
  const next = await registry.nextCredentials(password, await registry.passwordHashOf(profileId));
  recoverInterruptedRestore(file);
  if (await isPlainSqlite(file)) await rekeyProfile(registry, profileId, file, null, next, nativeBinding);
  else await registry.adoptKeyParams(profileId, next.keyParams);
  return next.key;
}
