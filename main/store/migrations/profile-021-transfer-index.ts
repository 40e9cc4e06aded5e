import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The legs of transfers between accounts, by date (docs/design.md#history-export-and-import): the History's totals
 * leave out a leg whose other leg is in the accounts shown, and its transfers filter lists only legs. Both read the
 * few marked rows through this index instead of scanning the log. Partial: a row without the marker (every deposit,
 * order and import row as written) has no entry, so the hot paths write no page of it; a transfer adds its two
 * legs when the ledger marks them (main/ledger/transfer-legs.ts).
 */
export class TransferIndex1763800000021 implements MigrationInterface {
  name = 'TransferIndex1763800000021';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX idx_activities_transfer ON activities (date) WHERE transfer_with IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX idx_activities_transfer');
  }
}
