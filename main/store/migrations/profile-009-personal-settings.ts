import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Secrets and personal settings move into the encrypted profile database (docs/design.md#encryption-at-rest):
 * provider API keys, each with the base URL it was entered for (a key is only ever sent there), and the profile's
 * preferences (base currency, locale, idle lock, trading), which settings.json held in clear.
 */
export class PersonalSettings1763800000009 implements MigrationInterface {
  name = 'PersonalSettings1763800000009';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE provider_keys (
      provider TEXT PRIMARY KEY NOT NULL,
      api_key TEXT NOT NULL,
      base_url TEXT NOT NULL
    )`);
    await q.query(`CREATE TABLE preferences (
      name TEXT PRIMARY KEY NOT NULL,
      value TEXT NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE preferences`);
    await q.query(`DROP TABLE provider_keys`);
  }
}
