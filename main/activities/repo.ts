import type { Currency } from '../../shared/currencies.js';
import { catalogueCurrency } from '../catalogue/repo.js';
import type { PlanLookups } from '../ledger/plan.js';
import { ACTIVITY_COLUMNS, type ActivityRow } from '../ledger/rows.js';
import { statements } from '../store/statements.js';
import type { ReadDb } from '../store/writer.js';

const SQL = {
  one: `SELECT ${ACTIVITY_COLUMNS} FROM activities WHERE id = ?`,
  instrument: 'SELECT asset_class, quote_currency FROM instruments WHERE symbol = ?',
};

/** Reads of the activity log (the ledger writes it). */
export const activityRepo = {
  one: (db: ReadDb, id: string): ActivityRow | undefined => statements(db, SQL).one.get(id) as ActivityRow | undefined,

  /** Newest first; `before` an activity's id (the page before it), `symbol` by idx_history_symbol. */
  list(db: ReadDb, q: { symbol?: string; limit?: number; before?: string }): ActivityRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.symbol) {
      where.push('h_symbol = ?'); // idx_history_symbol (h_symbol is COALESCE(symbol, ''))
      args.push(q.symbol);
    }
    if (q.before) {
      where.push('rowid < (SELECT rowid FROM activities WHERE id = ?)');
      args.push(q.before);
    }
    const sql = `SELECT ${ACTIVITY_COLUMNS} FROM activities ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY rowid DESC LIMIT ?`;
    return db.prepare(sql).all(...args, q.limit ?? 50) as ActivityRow[];
  },

  /** The catalogue as the ledger's plan reads it, straight from this connection. */
  lookups(db: ReadDb): PlanLookups {
    return {
      instrument: (symbol) => statements(db, SQL).instrument.get(symbol) as { asset_class: 'stock' | 'crypto'; quote_currency: string } | undefined,
      currency: (code): Currency => catalogueCurrency(db, code),
    };
  },
};
