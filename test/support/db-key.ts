import type BetterSqlite3 from 'better-sqlite3';
import { scryptSync } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, openSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DbKey, keyed, WrongKeyError } from '../../main/store/db-key.js';
import { Sqlite } from '../../main/store/sqlite.js';

/**
 * The key tests open profile databases with when they open one directly (the app derives it from the password at
 * sign-in): encryption stays on in every test, only the key derivation is skipped.
 */
export const testKey = DbKey.fromHex('5e'.repeat(32));

/** The passwords the tests give their profiles; openProfileFile finds the one a profile was made with. */
const TEST_PASSWORDS = [
  'correct horse battery', 'correct horse', 'ada-password', 'alice-password', 'bob-password', 'carol-password',
  'crash-test-password', 'emile-password', 'erin-password', 'eve-password', 'frank-password', 'fuzz-owner-password',
  'grace-password', 'other-password', 'Sup3r-Secret-Passphrase-9731', 'rekey-password-1', 'rekey-password-2',
];

/**
 * The key of an encrypted profile database or backup, derived as the app does from the key parameters in the
 * nearest app.db and the profile's password (given, else whichever of TEST_PASSWORDS opens it); `testKey` for a
 * file made directly with it.
 */
export function profileKeyOf(file: string, password?: string): DbKey {
  const last = password ? undefined : lastKey.get(file);
  if (last && opens(file, last)) return last;
  const candidates: DbKey[] = [testKey];
  for (const params of keyParamsNear(file)) for (const pw of password ? [password] : TEST_PASSWORDS) candidates.push(derive(pw, params));
  if (password) candidates.reverse();
  const key = candidates.find((k) => opens(file, k));
  if (!key) throw new Error(`No test key opens ${file}`);
  lastKey.set(file, key);
  return key;
}

/** The key that last opened each file, and every derivation made: keeps the helpers quick between two reads. */
const lastKey = new Map<string, DbKey>();
const derived = new Map<string, DbKey>();

function opens(file: string, key: DbKey): boolean {
  try {
    keyed(new Sqlite(file, { readonly: true, fileMustExist: true }), key).close();
    return true;
  } catch (err) {
    if (err instanceof WrongKeyError) return false;
    throw err;
  }
}

/** Every profile's key parameters in the app.db of the data folder holding `file` (up to three folders up). */
function keyParamsNear(file: string): string[] {
  let dir = dirname(file);
  for (let i = 0; i < 3; i++, dir = dirname(dir)) {
    const appDb = join(dir, 'app.db');
    if (!existsSync(appDb)) continue;
    const app = new Sqlite(appDb, { readonly: true, fileMustExist: true });
    try {
      return app.prepare('SELECT key_params FROM profiles WHERE key_params IS NOT NULL').pluck().all() as string[];
    } finally {
      app.close();
    }
  }
  return [];
}

/** True for a file that exists and is not a plain SQLite database (an encrypted one). */
function encrypted(file: string): boolean {
  try {
    const fd = openSync(file, 'r');
    try {
      const head = Buffer.alloc(16);
      return readSync(fd, head, 0, 16, 0) === 16 && !head.equals(Buffer.from('SQLite format 3\0', 'latin1'));
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

function derive(password: string, params: string): DbKey {
  const id = `${params}\n${password}`;
  const hit = derived.get(id);
  if (hit) return hit;
  const [, n, r, p, salt] = params.split('$');
  const key = DbKey.fromBytes(scryptSync(password.normalize('NFKC'), Buffer.from(salt!, 'base64'), 32, { N: Number(n), r: Number(r), p: Number(p), maxmem: 256 * 1024 * 1024 }));
  derived.set(id, key);
  return key;
}

/** A connection to a database file, keyed when it is encrypted (a profile database or backup), plain otherwise. */
export function openProfileFile(file: string, options: BetterSqlite3.Options = {}, password?: string): BetterSqlite3.Database {
  const db = new Sqlite(file, options);
  return encrypted(file) ? keyed(db, profileKeyOf(file, password)) : db;
}

/** The key of an encrypted database file (as profileKeyOf finds it); null for a plain one. */
export function encryptedKeyOf(file: string): DbKey | null {
  return encrypted(file) ? profileKeyOf(file) : null;
}

/**
 * better-sqlite3's constructor for tests that open database files directly: an encrypted file (a profile database or
 * a backup) is keyed as by openProfileFile, a plain one (app.db, market.db, a hand-made file) opens as it is.
 */
function keyingDatabase(file: string, options: BetterSqlite3.Options = {}): BetterSqlite3.Database {
  const db = new Sqlite(file, options);
  return encrypted(file) ? keyed(db, profileKeyOf(file)) : db;
}
export const Database = keyingDatabase as unknown as typeof BetterSqlite3;
// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace Database {
  type Database = BetterSqlite3.Database;
  type Statement = BetterSqlite3.Statement;
  type Options = BetterSqlite3.Options;
}

/** Copies a database file; an encrypted copy opens with the key of the original (tests copying a template profile). */
export function copyDatabase(from: string, to: string): void {
  copyFileSync(from, to);
  const key = encryptedKeyOf(from);
  if (key) lastKey.set(to, key);
}
