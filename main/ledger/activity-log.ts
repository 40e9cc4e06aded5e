import { newRowId } from '../store/ids.js';
import { DEFAULT_ACCOUNT_ID } from '../store/migrations/profile-011-accounts.js';
import { statements } from '../store/statements.js';
import type { WriteDb } from '../store/writer.js';
import { recordDayLegs } from './day-totals.js';
import { LEDGER_SQL } from './repo.js';
import type { ActivityInsert } from './rows.js';

export function insertActivity(db: WriteDb, a: ActivityInsert, id: string = newRowId(), accountId: string = DEFAULT_ACCOUNT_ID): string {
  statements(db, LEDGER_SQL).insertActivity.run(
    id,
    a.type,
    a.date,
    a.symbol ?? null,
    a.quantity ?? null,
    a.price ?? null,
    a.fee ?? null,
    a.currency,
    a.amount,
    a.toCurrency ?? null,
    a.toAmount ?? null,
    a.orderId ?? null,
    a.source,
    a.note ?? null,
    a.at,
    a.deferIndex ? 0 : 1,
    accountId,
  );
  // The history's per-day totals, in the same transaction (docs/design.md#history-export-and-import).
  recordDayLegs(db, a);
  return id;
}
