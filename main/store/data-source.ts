import 'reflect-metadata';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { Writer } from './writer.js';

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
}

export const REQUIRED_PRAGMAS = { journal_mode: 'wal', synchronous: 2, foreign_keys: 1, busy_timeout: 5000 } as const;

export interface Store {
  dataSource: DataSource;
  writer: Writer;
  file: string;
  close(): Promise<void>;
}

export async function openStore(opts: OpenOptions): Promise<Store> {
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database: opts.file,
    entities: opts.entities,
    migrations: opts.migrations,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    timeout: REQUIRED_PRAGMAS.busy_timeout,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    prepareDatabase: (db: import('better-sqlite3').Database) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma(`busy_timeout = ${REQUIRED_PRAGMAS.busy_timeout}`);
      // Write-heavy tuning, durability unchanged (every commit is still fsync'd to the WAL). A market order dirties
      // ~24 pages, so the default checkpoint every 1,000 WAL pages ran (and fsync'd the database file) every ~40
      // orders; at 8,192 pages (32 MiB of WAL) a checkpoint copies each hot page once for ~300 orders. The default
      // 2 MiB page cache holds little of a profile with years of history, and every order touches random leaves of
      // its id indexes; 32 MiB keeps them in memory.
      db.pragma('wal_autocheckpoint = 8192');
      db.pragma('cache_size = -32768');
    },
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await checkPragmas(dataSource);
  } catch (err) {
    await dataSource.destroy();
    throw err;
  }
  const writer = new Writer(dataSource);
  return {
    dataSource,
    writer,
    file: opts.file,
    async close() {
      await writer.drain();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

export async function readPragmas(ds: DataSource): Promise<Record<keyof typeof REQUIRED_PRAGMAS, string | number>> {
  const one = async (name: string) => {
    const rows: Record<string, unknown>[] = await ds.query(`PRAGMA ${name}`);
    const v = rows[0] ? Object.values(rows[0])[0] : undefined;
    return typeof v === 'string' ? v.toLowerCase() : Number(v);
  };
  return {
    journal_mode: await one('journal_mode'),
    synchronous: await one('synchronous'),
    foreign_keys: await one('foreign_keys'),
    busy_timeout: await one('busy_timeout'),
  };
}

async function checkPragmas(ds: DataSource): Promise<void> {
  const actual = await readPragmas(ds);
  for (const [name, want] of Object.entries(REQUIRED_PRAGMAS)) {
    const got = actual[name as keyof typeof REQUIRED_PRAGMAS];
    if (got !== want) throw new Error(`SQLite pragma ${name} is ${String(got)}, expected ${String(want)}`);
  }
}
