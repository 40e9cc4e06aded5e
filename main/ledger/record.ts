import type { WriteDb } from '../store/writer.js';
import { insertActivity } from './activity-log.js';
import { moveCash } from './cash.js';
import type { ActivityPlan } from './plan.js';
import type { PositionRow, WalletRow } from './rows.js';
import { moveUnits } from './units.js';

/**
 * Rows a caller read earlier in the same transaction and has not written since (an order's check of its wallet or
 * position), so the booking does not read them again: `cash` is the wallet of the plan's first cash move, `units`
 * the position of its units move.
 */
export interface HeldRows {
  cash?: WalletRow | undefined;
  units?: PositionRow | undefined;
}

/** What a recorded plan left: the ledger entry and balance of each cash move, in the plan's order. */
export interface Recorded {
  id: string;
  cash: { entryId: number; balance: string }[];
}

/**
 * The single-row path (a deposit, a fill, a recorded activity): writes the plan's activity row and its per-day
 * totals, then each move, inside the caller's `Writer.write` transaction. The bulk path (bulk.ts) applies the same
 * plans with balances held in memory. A move refuses before it writes, but after the activity row: the caller's
 * transaction rolls the whole plan back.
 */
export function record(db: WriteDb, plan: ActivityPlan, held: HeldRows = {}): Recorded {
  const id = insertActivity(db, plan.activity, plan.id, plan.accountId);
  const cash: Recorded['cash'] = [];
  let heldCash = held.cash;
  for (const m of plan.moves) {
    if (m.kind === 'cash') {
      cash.push(moveCash(db, m.movement, heldCash, plan.accountId));
      heldCash = undefined;
    } else moveUnits(db, m.symbol, m.delta, m.at, m.release ?? '0', held.units, plan.accountId);
  }
  return { id, cash };
}
