import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The portfolio's last computed live snapshot, kept so that the next sign-in can show it at once, marked with the
 * time it was computed, while the fresh one is replayed (docs/design.md#the-kept-snapshot). One row per kind (only
 * `live` so far). `inputs` fingerprints what the figures were computed from (the activity log's extent, the
 * settings, the accounts, wallets and catalogue); a row whose fingerprint differs from the database's is never shown.
 * Written only by main/portfolio/, outside any order or deposit transaction; losing it costs one cold replay.
 */
export class KeptSnapshot1763800000016 implements MigrationInterface {
  name = 'KeptSnapshot1763800000016';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE kept_snapshots (
      kind TEXT PRIMARY KEY NOT NULL,
      inputs TEXT NOT NULL,
      last_rowid INTEGER NOT NULL,
      computed_at TEXT NOT NULL,
      snapshot TEXT NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE kept_snapshots`);
  }
}
