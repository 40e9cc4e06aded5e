import type BetterSqlite3 from 'better-sqlite3';
import { scryptSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DbKey, keyed, WrongKeyError } from '../../main/store/db-key.js';
import { Sqlite } from '../../main/store/sqlite.js';

/**
 * The key tests open profile databases with when they open one directly (the app derives it from the password at
 * sign-in): encryption stays on in every test, only the key derivation is skipped.
 */
export const testKey = DbKey.fromHex('5e'.repeat(32));

/** The passwords the tests give their profiles; openProfileFile finds the one a profile was made with. */
const TEST_PASSWORDS = [
  'correct horse battery', 'correct horse', 'grace-password', 'alice-password', 'other-password', 'frank-password',
  'crash-test-password', 'ada-password', 'emile-password', 'bench-password', 'new-password', 'rekey-password-2',
];

/**
 * The key of the profile database `<dataDir>/profiles/<id>/bourse.db`, derived as the app does from its key
 * parameters in app.db and the profile's password (given, else the one of TEST_PASSWORDS that opens it); `testKey`
 * for a file opened directly with it.
 */
export function profileKeyOf(file: string, password?: string): DbKey {
  const appDb = join(dirname(file), '..', '..', 'app.db');
  if (!existsSync(appDb)) return testKey;
  const app = new Sqlite(appDb, { readonly: true, fileMustExist: true });
  let params: string | undefined;
  try {
    params = app.prepare('SELECT key_params FROM profiles WHERE id = ?').pluck().get(basename(dirname(file))) as string | undefined;
  } finally {
    app.close();
  }
  if (!params) return testKey;
  for (const pw of password ? [password] : TEST_PASSWORDS) {
    const key = derive(pw, params);
    try {
      keyed(new Sqlite(file, { readonly: true, fileMustExist: true }), key).close();
      return key;
    } catch (err) {
      if (!(err instanceof WrongKeyError)) throw err;
    }
  }
  throw new Error(`No test password opens ${file}`);
}

function derive(password: string, params: string): DbKey {
  const [, n, r, p, salt] = params.split('$');
  return DbKey.fromBytes(scryptSync(password.normalize('NFKC'), Buffer.from(salt!, 'base64'), 32, { N: Number(n), r: Number(r), p: Number(p), maxmem: 256 * 1024 * 1024 }));
}

/** A connection to a profile database, keyed (better-sqlite3's options). */
export function openProfileFile(file: string, options: BetterSqlite3.Options = {}, password?: string): BetterSqlite3.Database {
  return keyed(new Sqlite(file, options), profileKeyOf(file, password));
}
