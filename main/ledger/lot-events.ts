import { isCorporateAction } from '../../shared/contract/index.js';
import type { LotEvent } from '../../shared/lots/index.js';

/**
 * What the lots engine reads of an `activities` row. How a corporate action is stored (the one declaration of it):
 * - split, stock-dividend: `quantity` holds the numerator and `price` the denominator; `currency` is the
 *   instrument's and `amount` '0' (it moves no cash); `account_id` the default account, though it applies to all;
 * - symbol-change: `symbol` the old symbol, `to_currency` the new one (its "to" side; `to_amount` stays NULL, so the
 *   history's day totals get no received leg).
 */
export interface LotEventRow {
  id: string;
  type: string;
  date: string;
  symbol: string | null;
  quantity: string | null;
  price: string | null;
  fee: string | null;
  currency: string;
  to_currency: string | null;
  account_id: string;
  /**
   * On a leg of a transfer, the id of the other leg (main/ledger/transfer-legs.ts). A reader that selects it has
   * each pair checked by it; one that does not (undefined) relies on the legs being written together.
   */
  transfer_with?: string | null;
}

/** Every activity type the lots engine replays. */
const LOT_TYPES: ReadonlySet<string> = new Set(['buy', 'sell', 'split', 'stock-dividend', 'symbol-change', 'transfer-out', 'transfer-in']);

/** LOT_TYPES for the SQL that reads them. */
export const LOT_EVENT_TYPES = [...LOT_TYPES].map((t) => `'${t}'`).join(', ');

/**
 * The order the lots engine replays a log in: by date, a corporate action first within its date (it is effective
 * at the start of the day: a trade dated that day is in the new units), then in the order recorded.
 */
export const LOT_EVENT_ORDER = "date, CASE WHEN type IN ('split', 'stock-dividend', 'symbol-change') THEN 0 ELSE 1 END, rowid";

/**
 * The lot events among rows given in the log's order (date, then rowid), in LOT_EVENT_ORDER: the same rows and order
 * as a read with that ORDER BY, for a reader that has the whole log already (one read serves the replay and the lots).
 */
export function lotRowsOf<R extends LotEventRow>(rows: readonly R[]): R[] {
  const out: R[] = [];
  // Where the rows of the current date start in `out`, and how many corporate actions lead them.
  let dateStart = 0;
  let leading = 0;
  for (const r of rows) {
    if (!LOT_TYPES.has(r.type)) continue;
    if (out.length === 0 || out[out.length - 1]!.date !== r.date) {
      dateStart = out.length;
      leading = 0;
    }
    if (isCorporateAction(r.type)) {
      out.splice(dateStart + leading, 0, r);
      leading++;
    } else out.push(r);
  }
  return out;
}

/** A row as a LotEvent, or undefined for a type the lots engine does not replay. */
export function toLotEvent(r: LotEventRow): LotEvent | undefined {
  if (!r.symbol) return undefined;
  if (r.type === 'buy' || r.type === 'sell') {
    if (!r.quantity || !r.price) return undefined;
    const base = { id: r.id, accountId: r.account_id, symbol: r.symbol, date: r.date, quantity: r.quantity, price: r.price, fee: r.fee ?? '0' };
    return r.type === 'buy' ? { kind: 'buy', currency: r.currency, ...base } : { kind: 'sell', ...base };
  }
  if (!isCorporateAction(r.type)) return undefined;
  if (r.type === 'symbol-change') return r.to_currency ? { kind: 'symbol-change', id: r.id, symbol: r.symbol, date: r.date, newSymbol: r.to_currency } : undefined;
  if (!r.quantity || !r.price) return undefined;
  return { kind: r.type, id: r.id, symbol: r.symbol, date: r.date, numerator: r.quantity, denominator: r.price };
}

/**
 * The lots engine's events of rows read in LOT_EVENT_ORDER. A securities transfer is a `transfer-out` row and the
 * `transfer-in` row its marker names (main/ledger/units-transfer.ts writes them one after the other in one
 * transaction, and neither is a corporate action, so that row is the next one here): the pair is one transfer event
 * from the first row's account to the second's.
 */
export function toLotEvents(rows: readonly LotEventRow[]): LotEvent[] {
  const out: LotEvent[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.type === 'transfer-out') {
      const to = rows[i + 1];
      const named = r.transfer_with === undefined || (!!to && to.id === r.transfer_with && to.transfer_with === r.id);
      if (!to || !named || to.type !== 'transfer-in' || to.symbol !== r.symbol || to.quantity !== r.quantity || !r.symbol || !r.quantity) {
        throw new Error(`transfer ${r.id} has no matching transfer-in row`); // a broken log, never user input
      }
      out.push({ kind: 'transfer', id: r.id, fromAccountId: r.account_id, toAccountId: to.account_id, symbol: r.symbol, date: r.date, quantity: r.quantity });
      i++;
      continue;
    }
    const e = toLotEvent(r);
    if (e) out.push(e);
  }
  return out;
}
