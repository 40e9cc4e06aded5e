import { newRowId } from '../store/ids.js';
import type { WriteDb } from '../store/writer.js';
import { insertActivity } from './activity-log.js';
import { markTransferLegs } from './transfer-legs.js';
import { checkUnits, moveUnits } from './units.js';

/** Units of one instrument moved between two accounts of the profile (checked by the caller: symbol, quantity, accounts). */
export interface UnitsTransfer {
  fromAccountId: string;
  toAccountId: string;
  symbol: string;
  /** Positive, in its shortest exact form. */
  quantity: string;
  /** The instrument's quote currency, and its zero at the currency's minor unit (no cash moves). */
  currency: string;
  zero: string;
  date: string;
  /** The user's note, on both legs; none otherwise (the pages say what moved where, in the reader's language). */
  note: string | null;
  at: string;
}

/**
 * A securities transfer inside the caller's transaction: a `transfer-out` row in the sending account and a
 * `transfer-in` row in the receiving one, written one after the other (adjacent rowids, so the lots replay reads
 * them together, main/ledger/lot-events.ts) and marked as the legs of one transfer (transfer-legs.ts), and the two
 * positions. No cash moves and nothing is realized: the lots travel
 * with their acquisition dates and cost (shared/lots/book.ts). Refuses (INSUFFICIENT_HOLDING) before it writes when
 * the sending account holds fewer units than asked that are not already on sale. `ids`: the legs' ids (an import keeps
 * the exported ones, so a second import of the file recognises them).
 */
export function transferUnits(db: WriteDb, t: UnitsTransfer, ids: { outId: string; inId: string } = { outId: newRowId(), inId: newRowId() }): { outId: string; inId: string } {
  const held = checkUnits(db, t.symbol, t.quantity, t.fromAccountId);
  const row = (type: 'transfer-out' | 'transfer-in') => ({
    type,
    date: t.date,
    symbol: t.symbol,
    quantity: t.quantity,
    price: null,
    fee: null,
    currency: t.currency,
    amount: t.zero,
    toCurrency: null,
    toAmount: null,
    orderId: null,
    source: 'manual' as const,
    note: t.note,
    at: t.at,
    deferIndex: false,
  });
  const outId = insertActivity(db, row('transfer-out'), ids.outId, t.fromAccountId);
  const inId = insertActivity(db, row('transfer-in'), ids.inId, t.toAccountId);
  markTransferLegs(db, outId, inId);
  moveUnits(db, t.symbol, `-${t.quantity}`, t.at, '0', held, t.fromAccountId);
  moveUnits(db, t.symbol, t.quantity, t.at, '0', undefined, t.toAccountId);
  return { outId, inId };
}
