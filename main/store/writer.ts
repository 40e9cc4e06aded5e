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
  /**
   * One transaction function for the connection, made once: better-sqlite3's `transaction()` builds four wrapped
   * functions and their properties each time it is called, which cost as much as a one-row insert on the order path.
   */
  private readonly inTransaction: <T>(work: (db: WriteDb) => T) => T;

  constructor(private readonly db: WriteDb) {
    const run = db.transaction((work: (db: WriteDb) => unknown) => work(db));
    this.inTransaction = run as <T>(work: (db: WriteDb) => T) => T;
  }

  read<T>(work: (db: ReadDb) => T): Promise<T> {
    const unit = () => {
      // Compiled afresh each time (exec): SQLite applies this pragma when it compiles it, so a prepared one would
      // keep whichever of ON and OFF was prepared last; exec costs a few microseconds, db.pragma() far more.
      this.db.exec('PRAGMA query_only = ON');
      try {
        return this.inTransaction(work);
      } finally {
        this.db.exec('PRAGMA query_only = OFF');
      }
    };
    return this.idle() ? this.now(unit) : this.enqueue(unit);
  }

  write<T>(work: (db: WriteDb) => T): Promise<T> {
    return this.idle() ? this.now(() => this.inTransaction(work)) : this.enqueue(() => this.inTransaction(work));
  }

  exclusive<T>(work: (db: WriteDb) => Promise<T>): Promise<T> {
    return this.enqueue(() => work(this.db));
  }

  drain(): Promise<void> {
    return this.queue.onIdle();
  }

  /**
   * Nothing queued and nothing running (not even an `exclusive` unit between its awaits): a synchronous unit may run
   * at once, as the queue would run it, without the queue's bookkeeping (a task record, events and a microtask per
   * unit, as much as a one-row insert on the order path). Anything already waiting keeps its turn, since the queue
   * is not idle then; a unit never awaits, and one asked for while another runs at once (from inside it) is queued
   * behind it as before, never nested in its transaction.
   */
  private idle(): boolean {
    return !this.running && this.queue.size === 0 && this.queue.pending === 0;
  }

  private running = false;

  /** Runs a synchronous unit at once; its answer as the queue would give it (rejected when the unit threw). */
  private now<T>(unit: () => T): Promise<T> {
    this.running = true;
    try {
      return Promise.resolve(unit());
    } catch (err) {
      return Promise.reject(err as Error);
    } finally {
      this.running = false;
      // Units asked for from inside this one start now that it has committed or rolled back.
      if (this.queue.isPaused) this.queue.start();
    }
  }

  private enqueue<T>(unit: () => Promise<T> | T): Promise<T> {
    // The queue would start a unit at once while it is empty; one asked for from inside a unit run at once waits.
    if (this.running) this.queue.pause();
    return this.queue.add(async () => unit());
  }
}
