import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The market database (`market.db`): public data shared by every profile on this machine, so a pair is backfilled
 * once. Rates and bars are kept per source as published (the user's provider order decides which one is read), in
 * TEXT columns. WITHOUT ROWID: the primary key is the lookup path, and ingestion writes one B-tree, not two.
 */
export class MarketRates1763800000201 implements MigrationInterface {
  name = 'MarketRates1763800000201';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE fx_rates (
      base TEXT NOT NULL,
      quote TEXT NOT NULL,
      date TEXT NOT NULL,
      source TEXT NOT NULL,
      rate TEXT NOT NULL,
      PRIMARY KEY (base, quote, date, source)
    ) WITHOUT ROWID`);
    await q.query(`CREATE TABLE daily_bars (
      symbol TEXT NOT NULL,
      date TEXT NOT NULL,
      source TEXT NOT NULL,
      currency TEXT NOT NULL,
      open TEXT,
      high TEXT,
      low TEXT,
      close TEXT NOT NULL,
      volume TEXT,
      PRIMARY KEY (symbol, date, source)
    ) WITHOUT ROWID`);
    await q.query(`CREATE TABLE last_prices (
      symbol TEXT PRIMARY KEY,
      price TEXT NOT NULL,
      currency TEXT NOT NULL,
      ts INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      source TEXT NOT NULL,
      simulated INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE last_prices`);
    await q.query(`DROP TABLE daily_bars`);
    await q.query(`DROP TABLE fx_rates`);
  }
}
