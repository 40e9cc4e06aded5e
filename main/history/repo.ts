import { otherLegAccountSql, type ActivityRow } from '../ledger/rows.js';
import { statements } from '../store/statements.js';
import type { ReadDb } from '../store/writer.js';
import { BALANCE_AFTER_SQL } from './row-sql.js';

/** An activity row with the balance its entry left in its wallet. */
export type HistoryRow = ActivityRow & {
  rid: number;
  balance_after: string | null;
  account_id: string;
  /** For a leg of a transfer between accounts, the other leg's account. */
  other_account: string | null;
};

const ROW_COLUMNS = `a.rowid AS rid, a.id, a.date, a.type, a.symbol, a.quantity, a.price, a.fee, a.currency, a.amount, a.to_currency, a.to_amount, a.order_id, a.source, a.note, a.created_at, ${BALANCE_AFTER_SQL}, a.account_id, ${otherLegAccountSql('a')} AS other_account`;

export const SQL = {
  rows: `SELECT ${ROW_COLUMNS} FROM activities a WHERE a.rowid IN (SELECT value FROM json_each(?))`,
  minorUnit: 'SELECT minor_unit FROM currencies WHERE code = ?',
  symbols: "SELECT DISTINCT symbol FROM history_days WHERE symbol != '' AND entries != 0 ORDER BY symbol",
  currencies: 'SELECT DISTINCT currency FROM history_days WHERE entries != 0 ORDER BY currency',
};


/** Full rows for rowids, in the order given. */
export function fetchRows(db: ReadDb, rowids: readonly number[]): HistoryRow[] {
  if (rowids.length === 0) return [];
  const found = statements(db, SQL).rows.all(JSON.stringify(rowids)) as HistoryRow[];
  const byId = new Map(found.map((r) => [r.rid, r]));
  return rowids.map((id) => byId.get(id)).filter((r): r is HistoryRow => r !== undefined);
}

export function minorUnitOf(db: ReadDb, code: string): number {
  return (statements(db, SQL).minorUnit.get(code) as { minor_unit: number } | undefined)?.minor_unit ?? 2;
}
