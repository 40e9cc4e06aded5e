import type { ReadDb, WriteDb } from '../store/writer.js';

/**
 * The backup domain's SQL. Unlike the other domains' statements these run on backup files and staging copies, one
 * connection each and briefly, so they are prepared where used rather than cached per connection.
 */
export const STAMP_TABLE = 'bourse_backup';
/** The stamp table exactly as `writeStampRows` creates it; a restore accepts no other shape under this name. */
export const STAMP_SQL = `CREATE TABLE ${STAMP_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`;

const SQL = {
  vacuumInto: 'VACUUM INTO ?',
  dropStamp: `DROP TABLE IF EXISTS ${STAMP_TABLE}`,
  putStamp: `INSERT INTO ${STAMP_TABLE} (key, value) VALUES (?, ?)`,
  hasStamp: `SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`,
  stampRows: `SELECT key, value FROM ${STAMP_TABLE}`,
  migrations: 'SELECT name FROM migrations ORDER BY id',
  schema: 'SELECT type, name, tbl_name AS tbl, sql FROM sqlite_schema ORDER BY type, name',
} as const;

/** One row of `sqlite_schema`: a table, index, trigger or view with the SQL that made it. */
export interface SchemaObject {
  type: string;
  name: string;
  tbl: string;
  sql: string | null;
}

export const backupRepo = {
  /** A compact copy of everything committed (the WAL included) at `path`, under the source's key. */
  vacuumInto(db: ReadDb, path: string): void {
    db.prepare(SQL.vacuumInto).run(path);
  },
  dropStamp(db: WriteDb): void {
    db.exec(SQL.dropStamp);
  },
  writeStampRows(db: WriteDb, rows: [string, string][]): void {
    db.exec(`${SQL.dropStamp}; ${STAMP_SQL}`);
    const put = db.prepare(SQL.putStamp);
    for (const [k, v] of rows) put.run(k, v);
  },
  /** The stamp's rows, or null when the database has no stamp table. */
  stampRows(db: ReadDb): Map<string, string> | null {
    if (!db.prepare(SQL.hasStamp).get(STAMP_TABLE)) return null;
    return new Map((db.prepare(SQL.stampRows).all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
  },
  /** TypeORM's record of applied migrations; throws when there is no such table. */
  migrationNames(db: ReadDb): string[] {
    return (db.prepare(SQL.migrations).all() as { name: unknown }[]).map((r) => String(r.name));
  },
  schema(db: ReadDb): SchemaObject[] {
    return db.prepare(SQL.schema).all() as SchemaObject[];
  },
};
