import { statements } from '../store/statements.js';
import type { WriteDb } from '../store/writer.js';
import { record } from './record.js';
import type { ActivityPlan } from './plan.js';
import { TRANSFER_SQL } from './repo.js';

/**
 * A move between two accounts of the profile is known by its marker, never by how its rows look
 * (docs/design.md#accounts): each of its two legs names the other in `transfer_with`
 * (main/store/migrations/profile-019-transfer-legs.ts), set here, in the transaction that writes the legs. A
 * withdrawal and a deposit recorded on their own carry no marker, whatever their accounts, amounts and instants.
 */
export function markTransferLegs(db: WriteDb, firstId: string, secondId: string): void {
  const mark = statements(db, TRANSFER_SQL).mark;
  // Each leg is marked once, when it is written: a row that names another leg already is a broken caller.
  if (mark.run(secondId, firstId).changes !== 1 || mark.run(firstId, secondId).changes !== 1) throw new Error(`transfer legs ${firstId} and ${secondId} cannot be marked`);
}

/**
 * A cash transfer inside the caller's transaction: the withdrawal's plan in the sending account, then the deposit's
 * in the receiving one (the rate actually paid when their currencies differ), both recorded and marked as one
 * transfer. A refusal of either (not enough cash) throws, and the caller's transaction rolls both back.
 */
export function recordCashTransfer(db: WriteDb, out: ActivityPlan, into: ActivityPlan): void {
  record(db, out);
  record(db, into);
  markTransferLegs(db, out.id, into.id);
}
