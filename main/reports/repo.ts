import { statements } from '../store/statements.js';
import type { ReadDb } from '../store/writer.js';

/** What the tax-year reports read of the activity log: trades and income, oldest first (the ledger's own order). */
export interface ReportActivityRow {
  id: string;
  type: 'buy' | 'sell' | 'dividend' | 'interest' | 'fee' | 'transfer-out' | 'transfer-in';
  date: string;
  symbol: string | null;
  quantity: string | null;
  price: string | null;
  fee: string | null;
  currency: string;
  amount: string;
  account_id: string;
}

const SQL = {
  activities:
    "SELECT id, type, date, symbol, quantity, price, fee, currency, amount, account_id FROM activities WHERE type IN ('buy', 'sell', 'dividend', 'interest', 'fee', 'transfer-out', 'transfer-in') ORDER BY date, rowid",
  methods: 'SELECT id, cost_method FROM accounts',
};

export const reportRepo = {
  activities: (db: ReadDb): ReportActivityRow[] => statements(db, SQL).activities.all() as ReportActivityRow[],
  methods: (db: ReadDb): { id: string; cost_method: string }[] => statements(db, SQL).methods.all() as { id: string; cost_method: string }[],
};
