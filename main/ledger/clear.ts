import type { WriteDb } from '../store/writer.js';

/**
 * Every table of a profile's money, children before parents (foreign keys are on): what a profile holds after its
 * activity, orders and idempotency records are gone is what a new profile holds. The catalogue (currencies,
 * instruments) and import presets stay.
 */
const CLEAR_ORDER = [
  'fills',
  'ledger_entries',
  'aggregation_books',
  'orders',
  'activities',
  'positions',
  'wallets',
  'history_days',
  'idempotency_keys',
] as const;

/**
 * Empties the profile's money in the caller's transaction (deleting the sample profile's made-up activity in one
 * step): all rows or, when the transaction rolls back, none. Answers how many activities were removed.
 */
export function clearLedger(db: WriteDb): number {
  const activities = (db.prepare('SELECT count(*) AS n FROM activities').get() as { n: number }).n;
  for (const table of CLEAR_ORDER) db.prepare(`DELETE FROM ${table}`).run();
  return activities;
}
