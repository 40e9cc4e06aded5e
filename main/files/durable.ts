import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Durable file replacement for exports and backups: write under a temporary name in the target's own folder (same
 * file system, so the final rename is atomic), fsync the file, rename, fsync the folder. A reader, a crash or a
 * kill -9 therefore sees either no file under the final name or the complete one, never a prefix.
 */

/** Temp files carry this suffix and the writer's pid, so a later run can tell an orphan from a live write. */
const TEMP_SUFFIX = '.bourse-tmp';
const TEMP_RE = /^\..+\.(\d+)-[0-9a-f]{8}\.bourse-tmp$/;

/** `.<name>.<pid>-<random>.bourse-tmp` next to `final`: hidden, unique, and recognisable by sweepStaleTemps. */
export function tempPathFor(final: string): string {
  return join(dirname(final), `.${basename(final)}.${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
}

export async function fsyncFile(path: string): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Makes a rename (or unlink) in `dir` itself durable. Windows cannot open a directory for fsync; NTFS journals the
 * metadata change, so there the call is skipped.
 */
export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** fsync `temp`, rename it over `final`, fsync the folder. */
export async function commitTemp(temp: string, final: string): Promise<void> {
  await fsyncFile(temp);
  await rename(temp, final);
  await fsyncDir(dirname(final));
}

export async function removeQuietly(path: string): Promise<void> {
  await unlink(path).catch(() => undefined);
}

/**
 * Removes temp files left in `dir` by a process that died mid-write (kill -9, power loss): ours by name, and only
 * when their writer's pid is no longer running, so a concurrent export of another window is never cut short.
 * Returns the names removed.
 */
export async function sweepStaleTemps(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_RE.exec(name);
    if (!m || isRunning(Number(m[1]))) continue;
    await removeQuietly(join(dir, name));
    removed.push(name);
  }
  return removed;
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the pid exists but belongs to someone else; treat it as alive rather than delete a file in use.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
