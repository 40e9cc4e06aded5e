import { LOT_EVENT_ORDER, LOT_EVENT_TYPES, type LotEventRow } from '../ledger/lot-events.js';
import { statements } from '../store/statements.js';
import type { ReadDb, WriteDb } from '../store/writer.js';

/** A stored split proposal (main/store/migrations/profile-015-split-proposals.ts). */
export interface ProposalRow {
  id: string;
  symbol: string;
  date: string;
  numerator: string;
  denominator: string;
  provider: string;
  state: 'proposed' | 'confirmed' | 'dismissed';
  activity_id: string | null;
  created_at: string;
  decided_at: string | null;
}

const COLUMNS = 'id, symbol, date, numerator, denominator, provider, state, activity_id, created_at, decided_at';

const SQL = {
  insert: `INSERT INTO split_proposals (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, 'proposed', NULL, ?, NULL) ON CONFLICT (symbol, date) DO NOTHING`,
  one: `SELECT ${COLUMNS} FROM split_proposals WHERE id = ?`,
  proposed: `SELECT ${COLUMNS} FROM split_proposals WHERE state = 'proposed' ORDER BY date, symbol`,
  all: `SELECT ${COLUMNS} FROM split_proposals ORDER BY date, symbol`,
  count: `SELECT COUNT(*) AS n FROM split_proposals WHERE state = 'proposed'`,
  decide: `UPDATE split_proposals SET state = ?, activity_id = ?, decided_at = ? WHERE id = ? AND state = 'proposed'`,
  known: 'SELECT 1 AS y FROM split_proposals WHERE symbol = ? AND date = ?',
  recorded: "SELECT 1 AS y FROM activities WHERE symbol = ? AND date = ? AND type IN ('split', 'stock-dividend') LIMIT 1",
  // The instrument's lot events before a date (its own, and a symbol change into it), in the lots engine's order.
  before: `SELECT id, type, date, symbol, quantity, price, fee, currency, to_currency, account_id FROM activities
    WHERE type IN (${LOT_EVENT_TYPES}) AND (symbol = ? OR (type = 'symbol-change' AND to_currency = ?)) AND date < ?
    ORDER BY ${LOT_EVENT_ORDER}`,
};

/** The split proposals; this domain alone writes them. */
export const corporateRepo = {
  insert: (db: WriteDb, p: Omit<ProposalRow, 'state' | 'activity_id' | 'decided_at'>): boolean =>
    statements(db, SQL).insert.run(p.id, p.symbol, p.date, p.numerator, p.denominator, p.provider, p.created_at).changes === 1,
  one: (db: ReadDb, id: string): ProposalRow | undefined => statements(db, SQL).one.get(id) as ProposalRow | undefined,
  list: (db: ReadDb, all: boolean): ProposalRow[] => statements(db, SQL)[all ? 'all' : 'proposed'].all() as ProposalRow[],
  proposedCount: (db: ReadDb): number => (statements(db, SQL).count.get() as { n: number }).n,
  decide: (db: WriteDb, id: string, state: 'confirmed' | 'dismissed', activityId: string | null, at: string): boolean =>
    statements(db, SQL).decide.run(state, activityId, at, id).changes === 1,
  known: (db: ReadDb, symbol: string, date: string): boolean => statements(db, SQL).known.get(symbol, date) !== undefined,
  recorded: (db: ReadDb, symbol: string, date: string): boolean => statements(db, SQL).recorded.get(symbol, date) !== undefined,
  eventsBefore: (db: ReadDb, symbol: string, date: string): LotEventRow[] => statements(db, SQL).before.all(symbol, symbol, date) as LotEventRow[],
};
