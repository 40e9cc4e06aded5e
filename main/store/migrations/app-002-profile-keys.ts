import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Encryption at rest (docs/design.md#encryption-at-rest): how each profile's database key is derived from its
 * password (`key_params`: scheme, cost and a salt of its own, never the key), and a re-key in flight (`pending_*`:
 * the password hash and key parameters that hold once the copy named `pending_file_id` has replaced the file).
 * A null `key_params` marks a profile whose database predates encryption; it is encrypted at its next sign-in.
 */
export class ProfileKeys1763800000102 implements MigrationInterface {
  name = 'ProfileKeys1763800000102';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE profiles ADD COLUMN key_params TEXT`);
    await q.query(`ALTER TABLE profiles ADD COLUMN pending_password_hash TEXT`);
    await q.query(`ALTER TABLE profiles ADD COLUMN pending_key_params TEXT`);
    await q.query(`ALTER TABLE profiles ADD COLUMN pending_file_id TEXT`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE profiles DROP COLUMN pending_file_id`);
    await q.query(`ALTER TABLE profiles DROP COLUMN pending_key_params`);
    await q.query(`ALTER TABLE profiles DROP COLUMN pending_password_hash`);
    await q.query(`ALTER TABLE profiles DROP COLUMN key_params`);
  }
}
