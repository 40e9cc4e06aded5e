import { open, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fsyncDir, fsyncFile, removeQuietly } from '../files/durable.js';
import { keyed, WrongKeyError, type DbKey } from './db-key.js';
import { Sqlite, type SqliteDatabase } from './sqlite.js';

/**
 * Re-keying a profile database without ever risking it (docs/design.md#encryption-at-rest): the live file is never
 * written. A copy is made beside it, encrypted under the new key, fsynced and checked; one rename then replaces the
 * live file. Until that rename the old key opens the profile; after it, the new one. The copy's first 16 bytes (the
 * SQLCipher salt, new at every re-key) name it, so after a crash one look at the live file says which key it needs.
 */
export const REKEY_SUFFIX = '.rekey';

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

async function head(file: string): Promise<Buffer | null> {
  const fh = await open(file, 'r').catch(() => null);
  if (!fh) return null;
  try {
    const buf = Buffer.alloc(16);
    const { bytesRead } = await fh.read(buf, 0, 16, 0);
    return bytesRead === 16 ? buf : null;
  } finally {
    await fh.close();
  }
}

/** True for an unencrypted SQLite file (a profile from before encryption); false for absent, empty or encrypted. */
export async function isPlainSqlite(file: string): Promise<boolean> {
  return (await head(file))?.equals(MAGIC) ?? false;
}

/** The identity of an encrypted file: its salt, hex. Null when absent or plain. */
export async function fileIdOf(file: string): Promise<string | null> {
  const h = await head(file);
  return h && !h.equals(MAGIC) ? h.toString('hex') : null;
}

/**
 * Writes `<file>.rekey`: the closed database `file` (under `from`, or plain when null) copied and encrypted under
 * `to`, checked (quick_check and every table's row count against the source) and fsynced. Returns its file id.
 */
export async function writeRekeyedCopy(file: string, from: DbKey | null, to: DbKey, nativeBinding?: string): Promise<string> {
  const copy = `${file}${REKEY_SUFFIX}`;
  await removeRekeyedCopy(file);
  const opts = { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) };
  try {
    const source = keyed(new Sqlite(file, opts), from);
    let counts: string;
    try {
      counts = tableCounts(source);
      // VACUUM INTO reads through the pager (the WAL included) and writes a compact copy in rollback-journal mode
      // under the source's key, which the rekey below needs.
      source.prepare('VACUUM INTO ?').run(copy);
    } finally {
      source.close();
    }
    const db = keyed(new Sqlite(copy, opts), from);
    try {
      to.rekey(db);
    } finally {
      db.close();
    }
    const check = keyed(new Sqlite(copy, { ...opts, readonly: true }), to);
    try {
      const quick = check.pragma('quick_check', { simple: true });
      if (quick !== 'ok' || tableCounts(check) !== counts) throw new Error('The re-keyed copy does not match its source.');
    } finally {
      check.close();
    }
    await fsyncFile(copy);
    await fsyncDir(dirname(copy));
    const id = await fileIdOf(copy);
    if (!id) throw new Error('The re-keyed copy is not encrypted.');
    return id;
  } catch (err) {
    await removeRekeyedCopy(file);
    throw err;
  }
}

/**
 * The commit point: the checked copy replaces the live file in one rename. The live file must be closed with its WAL
 * checkpointed away (a WAL left beside it would be replayed onto the new file).
 */
export async function commitRekeyedCopy(file: string): Promise<void> {
  const wal = await stat(`${file}-wal`).catch(() => null);
  if (wal && wal.size > 0) throw new Error('The profile database is still open elsewhere (its WAL is not empty).');
  await removeQuietly(`${file}-wal`);
  await removeQuietly(`${file}-shm`);
  await rename(`${file}${REKEY_SUFFIX}`, file);
  await fsyncDir(dirname(file));
}

/**
 * Rewrites an encrypted profile file that `key` opens only in the earlier format (`sqlcipher-4`) in the current one:
 * the same key bytes, so a crash before the rename leaves the old file (upgraded at the next sign-in) and after it
 * the new one, both opening with the same password. Returns whether it rewrote the file; a file the key opens in
 * neither format is left for the normal open to refuse.
 */
export async function upgradeFormat(file: string, key: DbKey, nativeBinding?: string): Promise<boolean> {
  if (!(await fileIdOf(file))) return false;
  const old = key.inFormat('sqlcipher-4');
  if (old === key || opensWith(file, key, nativeBinding) || !opensWith(file, old, nativeBinding)) return false;
  // writeRekeyedCopy's source connection is the file's last: closing it checkpoints and removes the WAL, which the
  // rename in commitRekeyedCopy requires.
  await writeRekeyedCopy(file, old, key, nativeBinding);
  await commitRekeyedCopy(file);
  return true;
}

function opensWith(file: string, key: DbKey, nativeBinding?: string): boolean {
  try {
    keyed(new Sqlite(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) }), key).close();
    return true;
  } catch (err) {
    if (err instanceof WrongKeyError) return false;
    throw err;
  }
}

export async function removeRekeyedCopy(file: string): Promise<void> {
  for (const f of ['', '-journal', '-wal', '-shm']) await removeQuietly(`${file}${REKEY_SUFFIX}${f}`);
}

function tableCounts(db: SqliteDatabase): string {
  const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  return tables.map((t) => `${t}:${String(db.prepare(`SELECT count(*) FROM "${t.replace(/"/g, '""')}"`).pluck().get())}`).join(',');
}
