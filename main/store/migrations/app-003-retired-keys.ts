import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The key parameters a profile had before each password change (`retired_key_params`, one `scrypt$N$r$p$salt` per
 * line, oldest first): salts and costs only, never a key. With the password it had then, a backup made before a
 * change still opens (docs/design.md#encryption-at-rest).
 */
export class RetiredKeys1763800000103 implements MigrationInterface {
  name = 'RetiredKeys1763800000103';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE profiles ADD COLUMN retired_key_params TEXT`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE profiles DROP COLUMN retired_key_params`);
  }
}
