import { statements } from '../store/statements.js';
import type { ReadDb } from '../store/writer.js';

/** What the income report reads of the activity log: dividends, interest and fees, oldest first. */
export interface IncomeActivityRow {
  type: 'dividend' | 'interest' | 'fee';
  date: string;
  symbol: string | null;
  currency: string;
  amount: string;
  account_id: string;
}

// The realized report's lots come from main/lots/ (the book kept between requests).
const SQL = {
  income: `SELECT type, date, symbol, currency, amount, account_id FROM activities
    WHERE type IN ('dividend', 'interest', 'fee') ORDER BY date, rowid`,
};

export const reportRepo = {
  income: (db: ReadDb): IncomeActivityRow[] => statements(db, SQL).income.all() as IncomeActivityRow[],
};
