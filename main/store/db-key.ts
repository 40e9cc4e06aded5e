import type { SqliteDatabase } from './sqlite.js';

const HEX_KEY = /^[0-9a-f]{64}$/;

/**
 * How a profile database's pages are encrypted (docs/design.md#encryption-at-rest).
 * - `aegis-256`: SQLite3 Multiple Ciphers' AEGIS-256 scheme, an authenticated cipher with a random nonce and a tag
 *   per page; what every database is written in.
 * - `sqlcipher-4`: SQLCipher 4 (AES-256-CBC with HMAC-SHA512 per page), what development builds wrote before; read
 *   only to rewrite such a file in the current format (store/rekey.ts `upgradeFormat`).
 */
export type CipherFormat = 'aegis-256' | 'sqlcipher-4';
export const CURRENT_FORMAT: CipherFormat = 'aegis-256';

/**
 * The raw 256-bit key of an encrypted profile database. It is derived from the profile's password at sign-in and
 * held in memory only; it prints as `[DbKey]` so no log line or serialised error can carry it.
 */
export class DbKey {
  readonly #hex: string;
  readonly format: CipherFormat;

  private constructor(hex: string, format: CipherFormat) {
    this.#hex = hex;
    this.format = format;
  }

  static fromBytes(bytes: Uint8Array): DbKey {
    if (bytes.length !== 32) throw new Error('A database key is 32 bytes.');
    return new DbKey(Buffer.from(bytes).toString('hex'), CURRENT_FORMAT);
  }

  /** The key as 64 hex digits, for worker threads that open their own connection (never for storage). */
  static fromHex(hex: string): DbKey {
    if (!HEX_KEY.test(hex)) throw new Error('A database key is 64 hex digits.');
    return new DbKey(hex, CURRENT_FORMAT);
  }

  /** The same key bytes, for a file written in another format. */
  inFormat(format: CipherFormat): DbKey {
    return format === this.format ? this : new DbKey(this.#hex, format);
  }

  get hex(): string {
    return this.#hex;
  }

  /**
   * Keys a fresh connection, before anything else is read, in this key's format. The key is raw, so the cipher's
   * own key derivation (Argon2 for AEGIS, PBKDF2 for SQLCipher) does not run again on every open: scrypt already
   * stretched the password.
   */
  apply(db: SqliteDatabase): void {
    applyCipher(db, this.format);
    db.pragma(`key = "x'${this.#hex}'"`);
  }

  /**
   * Encrypts the open database (plain, or keyed in any format) under this key in the current format, page by page
   * in one transaction; SQLite3 Multiple Ciphers allows it in rollback-journal mode only, and gives the file a new
   * salt (its first 16 bytes).
   */
  rekey(db: SqliteDatabase): void {
    applyCipher(db, CURRENT_FORMAT);
    db.pragma(`rekey = "x'${this.#hex}'"`);
  }

  toString(): string {
    return '[DbKey]';
  }

  toJSON(): string {
    return '[DbKey]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[DbKey]';
  }
}

function applyCipher(db: SqliteDatabase, format: CipherFormat): void {
  if (format === 'aegis-256') {
    db.pragma(`cipher = 'aegis'`);
    db.pragma(`algorithm = 'aegis-256'`);
  } else {
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
  }
}

/** Thrown when a key does not open a file: SQLite refuses the first page, nothing of the file was read. */
export class WrongKeyError extends Error {
  constructor() {
    super('The key does not open this database.');
    this.name = 'WrongKeyError';
  }
}

/**
 * Reads the schema once: with a wrong key (or a key given to a file encrypted under another, or none given to an
 * encrypted file) the first page fails its authentication tag and SQLite answers SQLITE_NOTADB before any row is read.
 */
export function assertKeyOpens(db: SqliteDatabase): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
  } catch (err) {
    if ((err as { code?: unknown }).code === 'SQLITE_NOTADB') throw new WrongKeyError();
    throw err;
  }
}

/** Opens a connection keyed (or plain with `key` null) and checks the key before any other use. */
export function keyed(db: SqliteDatabase, key: DbKey | null | undefined): SqliteDatabase {
  try {
    if (key) key.apply(db);
    assertKeyOpens(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
