import type BetterSqlite3 from 'better-sqlite3';
import PQueue from 'p-queue';

/** The writable connection handed to `Writer.write` and `Writer.exclusive`. */
export type WriteDb = BetterSqlite3.Database;

/**
 * The connection handed to `Writer.read`. SQLite itself refuses writes while it is out (`PRAGMA query_only`), so a
 * read cannot change the database by mistake; the type keeps transactions and schema changes out of reach.
 */
export type ReadDb = Pick<BetterSqlite3.Database, 'prepare' | 'pragma' | 'function' | 'name'>;

/**
 * The one serialized way to a database (docs/design.md#the-one-writer). better-sqlite3 runs a statement
 * synchronously on one connection, so a unit of work that never awaits is atomic with respect to the event loop;
 * units that do await (an online backup, an import's batches, an export's snapshot) must still not let another unit
 * into their transaction.
 * Every unit therefore runs through this queue, one at a time:
 * - `read(fn)`: a read-only handle, inside one read transaction (one consistent snapshot);
 * - `write(fn)`: a writable handle, inside one transaction that commits when `fn` returns and rolls back when it
 *   throws, so a refusal leaves nothing behind;
 * - `exclusive(fn)`: async work on the writable handle with no transaction open (the caller opens its own), for the
 *   online backup API and the import and export that step through many event-loop turns.
 */
export class Writer {
  private readonly queue = new PQueue({ concurrency: 1 });
  constructor(private readonly db: WriteDb) {}

  read<T>(work: (db: ReadDb) => T): Promise<T> {
    return this.queue.add(() => {
      // Compiled afresh each time (exec): SQLite applies this pragma when it compiles it, so a prepared one would
      // keep whichever of ON and OFF was prepared last; exec costs a few microseconds, db.pragma() far more.
      this.db.exec('PRAGMA query_only = ON');
      try {
        return this.db.transaction(() => work(this.db))();
      } finally {
        this.db.exec('PRAGMA query_only = OFF');
      }
    });
  }

  write<T>(work: (db: WriteDb) => T): Promise<T> {
    return this.queue.add(() => this.db.transaction(() => work(this.db))());
  }

  exclusive<T>(work: (db: WriteDb) => Promise<T>): Promise<T> {
    return this.queue.add(() => work(this.db));
  }

  drain(): Promise<void> {
    return this.queue.onIdle();
  }
}
