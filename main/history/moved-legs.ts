import type { HistoryFilter } from '../../shared/contract/index.js';
import { accountsOf } from './filter-sql.js';

/**
 * The one rule for transfers between accounts in the History's totals (docs/design.md#history-export-and-import):
 * a leg of a transfer (a row the ledger marked, main/ledger/transfer-legs.ts) is money that stayed in the accounts
 * shown when its other leg is among them too, and then it is in neither In nor Out; when the other leg is in an
 * account not shown, the leg is a flow in or out of the accounts shown, like a deposit or a withdrawal. A filter
 * without accounts shows every account, so there every leg stayed. Only the accounts decide: a date range, a type or
 * a note search that keeps one leg and not the other does not make money leave the accounts.
 *
 * The SQL condition on a row of `activities` named `alias`, with its arguments.
 */
export function stayedSql(filter: HistoryFilter, alias: string): { sql: string; args: string[] } {
  const accounts = accountsOf(filter);
  if (accounts.length === 0) return { sql: `${alias}.transfer_with IS NOT NULL`, args: [] };
  const marks = accounts.map(() => '?').join(', ');
  return {
    sql: `(${alias}.transfer_with IS NOT NULL AND (SELECT o.account_id FROM activities o WHERE o.id = ${alias}.transfer_with) IN (${marks}))`,
    args: accounts,
  };
}
