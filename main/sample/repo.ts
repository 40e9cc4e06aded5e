import { statements } from '../store/statements.js';
import type { ReadDb } from '../store/writer.js';

const SQL = {
  anyActivity: 'SELECT 1 FROM activities LIMIT 1',
  openOrder: "SELECT 1 FROM orders WHERE state IN ('pending', 'aggregating', 'open') LIMIT 1",
  instrument: 'SELECT 1 FROM instruments WHERE symbol = ?',
};

/** What the sample checks before it writes or deletes (the ledger does the writing). */
export const sampleRepo = {
  hasActivity: (db: ReadDb): boolean => statements(db, SQL).anyActivity.get() !== undefined,
  hasOpenOrder: (db: ReadDb): boolean => statements(db, SQL).openOrder.get() !== undefined,
  hasInstrument: (db: ReadDb, symbol: string): boolean => statements(db, SQL).instrument.get(symbol) !== undefined,
};
