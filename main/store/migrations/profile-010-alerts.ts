import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Price alerts and the log of their firings (docs/design.md#alerts). `armed` is 0 after an alert fired until the price
 * is back on the other side, so a restart neither fires it again nor forgets a crossing it owes. The log keeps what
 * fired (symbol, terms, price) by value, so an alert deleted later still has its history.
 */
export class Alerts1763800000010 implements MigrationInterface {
  name = 'Alerts1763800000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE alerts (
      id TEXT PRIMARY KEY NOT NULL,
      symbol TEXT NOT NULL,
      kind TEXT NOT NULL,
      threshold TEXT NOT NULL,
      armed INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      last_fired_at TEXT
    )`);
    await q.query(`CREATE INDEX idx_alerts_symbol ON alerts (symbol)`);
    await q.query(`CREATE TABLE alert_events (
      id INTEGER PRIMARY KEY,
      alert_id TEXT NOT NULL,
      symbol TEXT NOT NULL,
      kind TEXT NOT NULL,
      threshold TEXT NOT NULL,
      price TEXT NOT NULL,
      reference TEXT,
      ts INTEGER NOT NULL,
      fired_at TEXT NOT NULL,
      message TEXT NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE alert_events`);
    await q.query(`DROP TABLE alerts`);
  }
}
