import type { WriteDb } from '../store/writer.js';
import { CLEAR_SQL } from './repo.js';

/**
 * Empties the profile's money in the caller's transaction (deleting the sample profile's made-up activity in one
 * step): all rows or, when the transaction rolls back, none. Answers how many activities were removed.
 */
export function clearLedger(db: WriteDb): number {
  const activities = (db.prepare(CLEAR_SQL.countActivities).get() as { n: number }).n;
  for (const sql of CLEAR_SQL.deletes) db.prepare(sql).run();
  return activities;
}
