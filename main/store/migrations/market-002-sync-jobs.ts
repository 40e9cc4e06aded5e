import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sync jobs (backfill, refresh) survive restarts: `done_chunks` is the cursor, advanced in the same transaction that
 * stores the chunk's rows, so an interrupted job resumes where its last acknowledged batch ended.
 */
export class SyncJobs1763800000202 implements MigrationInterface {
  name = 'SyncJobs1763800000202';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE sync_jobs (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL,
      asset_class TEXT NOT NULL,
      symbol TEXT NOT NULL,
      target TEXT NOT NULL,
      state TEXT NOT NULL,
      plan TEXT NOT NULL,
      done_chunks INTEGER NOT NULL DEFAULT 0,
      total_chunks INTEGER NOT NULL,
      rows INTEGER NOT NULL DEFAULT 0,
      provider TEXT,
      error TEXT,
      attempts TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      finished_at TEXT
    )`);
    await q.query(`CREATE INDEX idx_sync_jobs_state ON sync_jobs (state, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sync_jobs`);
  }
}
