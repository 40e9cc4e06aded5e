import type { SqliteDatabase } from './sqlite.js';

const HEX_KEY = /^[0-9a-f]{64}$/;

/**
 * The raw 256-bit key of an encrypted profile database. It is derived from the profile's password at sign-in and
 * held in memory only; it prints as `[DbKey]` so no log line or serialised error can carry it.
 */
export class DbKey {
  readonly #hex: string;

  private constructor(hex: string) {
    this.#hex = hex;
  }

  static fromBytes(bytes: Uint8Array): DbKey {
    if (bytes.length !== 32) throw new Error('A database key is 32 bytes.');
    return new DbKey(Buffer.from(bytes).toString('hex'));
  }

  /** The key as 64 hex digits, for worker threads that open their own connection (never for storage). */
  static fromHex(hex: string): DbKey {
    if (!HEX_KEY.test(hex)) throw new Error('A database key is 64 hex digits.');
    return new DbKey(hex);
  }

  get hex(): string {
    return this.#hex;
  }

  /**
   * Keys a fresh connection, before anything else is read: SQLCipher 4's format (AES-256, HMAC-SHA512 per page)
   * and a raw key, so SQLCipher's own PBKDF2 does not run again on every open (scrypt already stretched it).
   */
  apply(db: SqliteDatabase): void {
    applyCipher(db);
    db.pragma(`key = "x'${this.#hex}'"`);
  }

  /**
   * Encrypts the open database (already keyed, or plain) under this key, page by page in one transaction; SQLite3
   * Multiple Ciphers allows it in rollback-journal mode only, and gives the file a new salt (its first 16 bytes).
   */
  rekey(db: SqliteDatabase): void {
    applyCipher(db);
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

function applyCipher(db: SqliteDatabase): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
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
 * encrypted file) the first page fails its HMAC and SQLite answers SQLITE_NOTADB before any row is read.
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
