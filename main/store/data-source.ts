import 'reflect-metadata';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import type BetterSqlite3 from 'better-sqlite3';
import { assertKeyOpens, type DbKey } from './db-key.js';
import { Sqlite } from './sqlite.js';
import { Writer, type ReadDb } from './writer.js';

/**
 * Opens one SQLite file through TypeORM's better-sqlite3 driver, runs the explicit migrations, and reads the pragmas
 * back: a database that silently fell back to another journal mode or lost foreign keys must not be used.
 */
export interface OpenOptions {
  file: string;
  entities: MixedList<EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  /** Path to a better_sqlite3.node built for another ABI (Electron); tests and the browser host use Node's. */
  nativeBinding?: string;
  /** The key of an encrypted database (a profile's); absent for the plain app and market databases. */
  key?: DbKey;
}

export const REQUIRED_PRAGMAS = { journal_mode: 'wal', synchronous: 2, foreign_keys: 1, busy_timeout: 5000 } as const;

export interface Store {
  /** TypeORM's view of the schema (entities and migrations); every query goes through `writer`. */
  dataSource: DataSource;
  writer: Writer;
  file: string;
  /** The key the file is encrypted under (profile databases), for connections of its own: exports, backups. */
  key?: DbKey;
  close(): Promise<void>;
}

/**
 * The connection TypeORM opened for each data source, as its `prepareDatabase` hook handed it over: the writer and
 * the migrations that must edit the schema text use it, and nothing reads TypeORM's driver internals.
 */
const connections = new WeakMap<DataSource, BetterSqlite3.Database>();

/** The connection of a data source made by `dataSourceFor` (a migration's `queryRunner.connection`). */
export function connectionOf(ds: DataSource): BetterSqlite3.Database {
  const db = connections.get(ds);
  if (!db) throw new Error('not a data source made by dataSourceFor');
  return db;
}

/**
 * A TypeORM data source for one SQLite file with Bourse's pragmas, not yet initialized: `openStore` uses it, and so
 * do tests that run migrations up and down by hand. Its connection is known to `connectionOf` once initialized.
 */
export function dataSourceFor(opts: Pick<OpenOptions, 'file' | 'migrations' | 'nativeBinding' | 'key'> & { entities?: OpenOptions['entities'] }): DataSource {
  const dataSource: DataSource = new DataSource({
    type: 'better-sqlite3',
    driver: Sqlite,
    database: opts.file,
    entities: opts.entities ?? [],
    migrations: opts.migrations,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    timeout: REQUIRED_PRAGMAS.busy_timeout,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    prepareDatabase: (db: BetterSqlite3.Database) => {
      // The key goes first: nothing, not even a pragma, may touch an encrypted file before it. TypeORM's own `key`
      // option would hand SQLite a passphrase (its PBKDF2 on every open); ours is already stretched and raw.
      connections.set(dataSource, db);
      if (opts.key) opts.key.apply(db);
      assertKeyOpens(db);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma(`busy_timeout = ${REQUIRED_PRAGMAS.busy_timeout}`);
      // Write-heavy tuning, durability unchanged (every commit is still fsync'd to the WAL): a checkpoint every
      // 8,192 WAL pages copies each hot page of many orders once instead of every few dozen orders, and a 32 MiB
      // page cache keeps the random leaves of the id indexes every order touches in memory.
      db.pragma('wal_autocheckpoint = 8192');
      db.pragma('cache_size = -32768');
    },
  });
  return dataSource;
}

export async function openStore(opts: OpenOptions): Promise<Store> {
  const dataSource = dataSourceFor(opts);
  try {
    await dataSource.initialize();
  } catch (err) {
    // A connection refused by assertKeyOpens is already open: close it, the file stays untouched.
    if (dataSource.isInitialized) await dataSource.destroy();
    else closeQuietly(connections.get(dataSource));
    throw err;
  }
  const connection = connectionOf(dataSource);
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    checkPragmas(connection);
  } catch (err) {
    await dataSource.destroy();
    throw err;
  }
  const writer = new Writer(connection);
  return {
    dataSource,
    writer,
    file: opts.file,
    ...(opts.key ? { key: opts.key } : {}),
    async close() {
      await writer.drain();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

export function readPragmas(db: ReadDb): Record<keyof typeof REQUIRED_PRAGMAS, string | number> {
  const one = (name: string) => {
    const v = db.pragma(name, { simple: true });
    return typeof v === 'string' ? v.toLowerCase() : Number(v);
  };
  return {
    journal_mode: one('journal_mode'),
    synchronous: one('synchronous'),
    foreign_keys: one('foreign_keys'),
    busy_timeout: one('busy_timeout'),
  };
}

function checkPragmas(db: ReadDb): void {
  const actual = readPragmas(db);
  for (const [name, want] of Object.entries(REQUIRED_PRAGMAS)) {
    const got = actual[name as keyof typeof REQUIRED_PRAGMAS];
    if (got !== want) throw new Error(`SQLite pragma ${name} is ${String(got)}, expected ${String(want)}`);
  }
}

function closeQuietly(db: BetterSqlite3.Database | undefined): void {
  try {
    db?.close();
  } catch {
    // Already closed.
  }
}
