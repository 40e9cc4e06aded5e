import type { Currency } from '../../shared/currencies.js';
import { catalogueCurrency } from '../catalogue/repo.js';
import type { PlanLookups } from '../ledger/plan.js';
import { ACTIVITY_COLUMNS, otherLegAccountSql, type ActivityRow } from '../ledger/rows.js';
import { statements } from '../store/statements.js';
import type { ReadDb } from '../store/writer.js';

/** A listed activity: its row, its account, and for a move between accounts the other side's account. */
export type ListedActivityRow = ActivityRow & { account_id: string; other_account: string | null };

/** The other side of a move between accounts, by the transfer's marker (main/ledger/transfer-legs.ts). */
const OTHER_ACCOUNT = `${otherLegAccountSql('a')} AS other_account`;
const LISTED = `${ACTIVITY_COLUMNS.split(', ').map((c) => `a.${c}`).join(', ')}, a.account_id, ${OTHER_ACCOUNT}`;

const SQL = {
  one: `SELECT ${LISTED} FROM activities a WHERE a.id = ?`,
  instrument: 'SELECT asset_class, quote_currency FROM instruments WHERE symbol = ?',
};

/** Reads of the activity log (the ledger writes it). */
export const activityRepo = {
  one: (db: ReadDb, id: string): ListedActivityRow | undefined => statements(db, SQL).one.get(id) as ListedActivityRow | undefined,

  /** Newest first; `before` an activity's id (the page before it), `symbol` by idx_history_symbol. */
  list(db: ReadDb, q: { symbol?: string; limit?: number; before?: string }): ListedActivityRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.symbol) {
      where.push('a.h_symbol = ?'); // idx_history_symbol (h_symbol is COALESCE(symbol, ''))
      args.push(q.symbol);
    }
    if (q.before) {
      where.push('a.rowid < (SELECT rowid FROM activities WHERE id = ?)');
      args.push(q.before);
    }
    const sql = `SELECT ${LISTED} FROM activities a ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.rowid DESC LIMIT ?`;
    return db.prepare(sql).all(...args, q.limit ?? 50) as ListedActivityRow[];
  },

  /** The catalogue as the ledger's plan reads it, straight from this connection. */
  lookups(db: ReadDb): PlanLookups {
    return {
      instrument: (symbol) => statements(db, SQL).instrument.get(symbol) as { asset_class: 'stock' | 'crypto'; quote_currency: string } | undefined,
      currency: (code): Currency => catalogueCurrency(db, code),
    };
  },
};
