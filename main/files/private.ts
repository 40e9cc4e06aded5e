import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** Clears every group and other permission bit of whatever the process creates. */
const PRIVATE_UMASK = 0o077;

/**
 * The data folder belongs to its user alone: it and every folder in it 0700, every file 0600 (databases with their
 * -wal and -shm files, settings, staged exports, backups), docs/design.md#security. One rule in one place: the
 * process umask becomes 077 before anything is written, so every writer (SQLite, conf and electron-store, the
 * export and backup writers, Chromium's own files on the desktop) creates private files without saying so; and
 * what an earlier version left with wider modes is tightened here, once per start. Symbolic links are never
 * followed, so nothing outside the folder is touched.
 *
 * Windows has no such modes (the user's profile folder's ACLs apply), so there this does nothing.
 */
export function makeDataDirPrivate(dataDir: string): void {
  if (process.platform === 'win32') return;
  // The umask is the process's: worker threads may not set it, and share the one main set.
  if (isMainThread) process.umask(PRIVATE_UMASK);
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tighten(dataDir);
}

function tighten(path: string): void {
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return; // gone meanwhile (a temp file another part removed)
  }
  if (st.isSymbolicLink()) return;
  if (st.isDirectory()) {
    if ((st.mode & 0o777) !== PRIVATE_DIR_MODE) chmodSync(path, PRIVATE_DIR_MODE);
    for (const name of readdirSync(path)) tighten(join(path, name));
  } else if ((st.mode & 0o777) !== PRIVATE_FILE_MODE) {
    chmodSync(path, PRIVATE_FILE_MODE);
  }
}
