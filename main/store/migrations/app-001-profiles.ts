import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The app registry: local profiles. Usernames are unique regardless of case. */
export class Profiles1763800000101 implements MigrationInterface {
  name = 'Profiles1763800000101';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE profiles (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL UNIQUE COLLATE NOCASE,
      password_hash TEXT NOT NULL,
      created_at TEXT NOT NULL,
      failed_attempts INTEGER NOT NULL DEFAULT 0,
      last_failed_at TEXT
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE profiles`);
  }
}
