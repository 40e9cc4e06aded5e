import { LOT_EVENT_ORDER, LOT_EVENT_TYPES } from '../ledger/lot-events.js';
import { statements } from '../store/statements.js';
import type { ReadDb } from '../store/writer.js';

/** What the tax-year reports read of the activity log: trades, corporate actions, transfers and income, oldest first. */
export interface ReportActivityRow {
  id: string;
  type: 'buy' | 'sell' | 'dividend' | 'interest' | 'fee' | 'split' | 'stock-dividend' | 'symbol-change' | 'transfer-out' | 'transfer-in';
  date: string;
  symbol: string | null;
  quantity: string | null;
  price: string | null;
  fee: string | null;
  currency: string;
  amount: string;
  to_currency: string | null;
  account_id: string;
}

const SQL = {
  // In the lots engine's order (main/ledger/lot-events.ts): corporate actions first within their date.
  activities: `SELECT id, type, date, symbol, quantity, price, fee, currency, amount, to_currency, account_id FROM activities
    WHERE type IN (${LOT_EVENT_TYPES}, 'dividend', 'interest', 'fee') ORDER BY ${LOT_EVENT_ORDER}`,
  methods: 'SELECT id, cost_method FROM accounts',
};

export const reportRepo = {
  activities: (db: ReadDb): ReportActivityRow[] => statements(db, SQL).activities.all() as ReportActivityRow[],
  methods: (db: ReadDb): { id: string; cost_method: string }[] => statements(db, SQL).methods.all() as { id: string; cost_method: string }[],
};
