import { LOT_EVENT_ORDER } from '../ledger/lot-events.js';
import { statements } from '../store/statements.js';
import type { ReadDb } from '../store/writer.js';

/** What the tax-year reports read of the activity log: trades, corporate actions and income, oldest first. */
export interface ReportActivityRow {
  id: string;
  type: 'buy' | 'sell' | 'dividend' | 'interest' | 'fee' | 'split' | 'stock-dividend' | 'symbol-change';
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
  // Corporate actions first within their date: effective at the start of the day (main/ledger/lot-events.ts).
  activities: `SELECT id, type, date, symbol, quantity, price, fee, currency, amount, to_currency, account_id FROM activities
    WHERE type IN ('buy', 'sell', 'dividend', 'interest', 'fee', 'split', 'stock-dividend', 'symbol-change') ORDER BY ${LOT_EVENT_ORDER}`,
  methods: 'SELECT id, cost_method FROM accounts',
};

export const reportRepo = {
  activities: (db: ReadDb): ReportActivityRow[] => statements(db, SQL).activities.all() as ReportActivityRow[],
  methods: (db: ReadDb): { id: string; cost_method: string }[] => statements(db, SQL).methods.all() as { id: string; cost_method: string }[],
};
