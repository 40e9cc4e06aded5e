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

/** A published split not proposed yet (main/store/migrations/profile-018-published-splits.ts). */
export interface PublishedRow {
  symbol: string;
  date: string;
  numerator: string;
  denominator: string;
  provider: string;
}

const SQL = {
  insert: `INSERT INTO split_proposals (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, 'proposed', NULL, ?, NULL) ON CONFLICT (symbol, date) DO NOTHING`,
  one: `SELECT ${COLUMNS} FROM split_proposals WHERE id = ?`,
  proposed: `SELECT ${COLUMNS} FROM split_proposals WHERE state = 'proposed' ORDER BY date, symbol`,
  all: `SELECT ${COLUMNS} FROM split_proposals ORDER BY date, symbol`,
  count: `SELECT COUNT(*) AS n FROM split_proposals WHERE state = 'proposed'`,
  decide: `UPDATE split_proposals SET state = ?, activity_id = ?, decided_at = ? WHERE id = ? AND state = 'proposed'`,
  known: 'SELECT 1 AS y FROM split_proposals WHERE symbol = ? AND date = ?',
  // Rewrites a row only when a provider says something else, so a sync publishing the same splits writes no page.
  keep: `INSERT INTO published_splits (symbol, date, numerator, denominator, provider, published_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (symbol, date) DO UPDATE SET numerator = excluded.numerator, denominator = excluded.denominator, provider = excluded.provider,
    published_at = excluded.published_at
    WHERE (numerator, denominator, provider) <> (excluded.numerator, excluded.denominator, excluded.provider)`,
  published: 'SELECT symbol, date, numerator, denominator, provider FROM published_splits ORDER BY symbol, date',
  publishedCount: 'SELECT COUNT(*) AS n FROM published_splits',
  forget: 'DELETE FROM published_splits WHERE symbol = ? AND date = ?',
  recorded: "SELECT 1 AS y FROM activities WHERE symbol = ? AND date = ? AND type IN ('split', 'stock-dividend') LIMIT 1",
  // The instrument's lot events before a date (its own, and a symbol change into it), in the lots engine's order.
  before: `SELECT id, type, date, symbol, quantity, price, fee, currency, to_currency, account_id, transfer_with FROM activities
    WHERE type IN (${LOT_EVENT_TYPES}) AND (symbol = ? OR (type = 'symbol-change' AND to_currency = ?)) AND date < ?
    ORDER BY ${LOT_EVENT_ORDER}`,
};

/** The split proposals and the published splits kept for later; this domain alone writes them. */
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
  /** Keeps a published split for later (a new one, or another provider's word on it); answers whether it wrote. */
  keep: (db: WriteDb, p: PublishedRow, at: string): boolean =>
    statements(db, SQL).keep.run(p.symbol, p.date, p.numerator, p.denominator, p.provider, at).changes === 1,
  published: (db: ReadDb): PublishedRow[] => statements(db, SQL).published.all() as PublishedRow[],
  publishedCount: (db: ReadDb): number => (statements(db, SQL).publishedCount.get() as { n: number }).n,
  forget: (db: WriteDb, symbol: string, date: string): void => void statements(db, SQL).forget.run(symbol, date),
  eventsBefore: (db: ReadDb, symbol: string, date: string): LotEventRow[] => statements(db, SQL).before.all(symbol, symbol, date) as LotEventRow[],
};
