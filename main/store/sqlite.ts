import type BetterSqlite3 from 'better-sqlite3';
import MultipleCiphers from 'better-sqlite3-multiple-ciphers';

/**
 * The SQLite binding every connection of Bourse uses: better-sqlite3-multiple-ciphers, better-sqlite3's API over
 * SQLite3 Multiple Ciphers, so a profile database can be SQLCipher-encrypted (docs/design.md#encryption-at-rest).
 * Typed as better-sqlite3, whose API it keeps; plain databases (app.db, market.db) open with it unchanged.
 */
export const Sqlite = MultipleCiphers as unknown as typeof BetterSqlite3;
export type SqliteDatabase = BetterSqlite3.Database;
