import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_ACCOUNT_ID } from './profile-011-accounts.js';

/**
 * The live portfolio takes its cost basis from each account's method (docs/design.md#lots); until now it took it
 * from the profile's settings (FIFO or average cost), and migration 011 made the Main account FIFO whatever they
 * said. A profile whose settings chose average cost therefore keeps it: its Main account becomes average cost, unless
 * the user has edited that account since (then what they chose stands). No schema changes.
 */
export class AccountMethods1763800000017 implements MigrationInterface {
  name = 'AccountMethods1763800000017';

  async up(q: QueryRunner): Promise<void> {
    const rows = (await q.query(`SELECT value FROM preferences WHERE name = 'settings'`)) as { value: string }[];
    let method: unknown;
    try {
      method = rows[0] ? (JSON.parse(rows[0].value) as { costMethod?: unknown }).costMethod : undefined;
    } catch {
      method = undefined;
    }
    if (method !== 'average') return;
    await q.query(`UPDATE accounts SET cost_method = 'average' WHERE id = ? AND cost_method = 'fifo' AND created_at = updated_at`, [DEFAULT_ACCOUNT_ID]);
  }

  async down(): Promise<void> {
    // Which accounts were average cost before is not known; the method stays as the user now sees it.
  }
}
