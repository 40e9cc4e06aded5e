import PQueue from 'p-queue';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * The one serialized writer of a database (DESIGN §4). TypeORM's SQLite drivers share a single connection, so two
 * overlapping `transaction()` calls would interleave on it; and a read issued while a transaction awaits would see
 * its uncommitted rows. Every unit of work, read or write, therefore runs through this queue, one at a time.
 */
export class Writer {
  private readonly queue = new PQueue({ concurrency: 1 });
  constructor(private readonly ds: DataSource) {}

  /** Runs `work` in one transaction; it commits when `work` resolves and rolls back when it throws. */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.queue.add(() => this.ds.transaction(work));
  }

  /** Runs a read outside a transaction but still in turn, so it never observes a half-done write. */
  read<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.queue.add(() => work(this.ds.manager));
  }

  drain(): Promise<void> {
    return this.queue.onIdle();
  }
}
