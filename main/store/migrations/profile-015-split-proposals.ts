import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What became of a proposed split: still to decide, recorded by the user, or set aside by the user. */
export const SPLIT_PROPOSAL_STATES = ['proposed', 'confirmed', 'dismissed'] as const;

/**
 * Splits of held instruments that a provider published (docs/design.md#split-proposals), kept until the user
 * confirms one (it is then recorded as a split activity, named in `activity_id`) or dismisses it. One row per
 * (symbol, date) whatever its state, so a dismissed split is never proposed again by the next sync. The state is
 * checked by main/corporate/, which alone writes this table.
 */
export class SplitProposals1763800000015 implements MigrationInterface {
  name = 'SplitProposals1763800000015';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE split_proposals (
      id TEXT PRIMARY KEY NOT NULL,
      symbol TEXT NOT NULL,
      date TEXT NOT NULL,
      numerator TEXT NOT NULL,
      denominator TEXT NOT NULL,
      provider TEXT NOT NULL,
      state TEXT NOT NULL,
      activity_id TEXT,
      created_at TEXT NOT NULL,
      decided_at TEXT
    )`);
    await q.query(`CREATE UNIQUE INDEX idx_split_proposals_symbol_date ON split_proposals (symbol, date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE split_proposals`);
  }
}
