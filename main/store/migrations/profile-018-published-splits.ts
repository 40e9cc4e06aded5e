import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Splits a provider published for an instrument of the profile's catalogue that are not proposed yet
 * (docs/design.md#split-proposals): nothing was held at the start of the split's date when it arrived, or it is
 * dated after today. A sync asks for a stock's splits only once, over the days it fetched, so a holding recorded
 * later (a past-dated buy, an import, a transfer), even after a restart, is checked against these rows without a new
 * download. One row per (symbol, date), the last provider's word kept; a row leaves this table in the transaction
 * that proposes it (split_proposals then keeps it, whatever the user decides). Written only by main/corporate/.
 */
export class PublishedSplits1763800000018 implements MigrationInterface {
  name = 'PublishedSplits1763800000018';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE published_splits (
      symbol TEXT NOT NULL,
      date TEXT NOT NULL,
      numerator TEXT NOT NULL,
      denominator TEXT NOT NULL,
      provider TEXT NOT NULL,
      published_at TEXT NOT NULL,
      PRIMARY KEY (symbol, date)
    ) WITHOUT ROWID`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE published_splits`);
  }
}
