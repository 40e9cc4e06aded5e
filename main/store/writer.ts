import type BetterSqlite3 from 'better-sqlite3';
import PQueue from 'p-queue';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * The one serialized writer of a database (docs/design.md#the-one-writer). TypeORM's SQLite drivers share a single
 * connection, so two overlapping `transaction()` calls would interleave on it; and a read issued while a transaction
 * awaits would see its uncommitted rows. So every unit of work, read or write, runs through this queue, one at a time.
 */
export class Writer {
  private readonly queue = new PQueue({ concurrency: 1 });
  constructor(private readonly ds: DataSource) {}

  /** Runs `work` in one TypeORM transaction; it commits when `work` resolves and rolls back when it throws. */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.queue.add(() => this.ds.transaction(work));
  }

  /**
   * Runs `work` as one synchronous better-sqlite3 transaction on the same connection. Used by hot money paths: with
   * prepared statements and no awaits inside, a deposit costs little more than its commit (see bench/deposits.ts),
   * where the same steps through TypeORM's async query runner cost about five times as much. Still queued, so it
   * never lands inside another unit's open transaction.
   */
  sync<T>(work: (db: BetterSqlite3.Database) => T): Promise<T> {
    return this.queue.add(() => {
      const db = this.raw();
      return db.transaction(() => work(db))();
    });
  }

  /** Runs a read outside a transaction but still in turn, so it never observes a half-done write. */
  read<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.queue.add(() => work(this.ds.manager));
  }

  /**
   * Runs async `work` in turn on the raw connection with no transaction open: the online backup API steps through
   * the database across event-loop turns and must not start inside (or let anything slip into) another unit's work.
   */
  exclusive<T>(work: (db: BetterSqlite3.Database) => Promise<T>): Promise<T> {
    return this.queue.add(() => work(this.raw()));
  }

  drain(): Promise<void> {
    return this.queue.onIdle();
  }

  private raw(): BetterSqlite3.Database {
    return (this.ds.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
  }
}
