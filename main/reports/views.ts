import type { IncomeEvent, LotEvent } from '../../shared/lots/index.js';
import type { ReportActivityRow } from './repo.js';

/** A trade of the log as the lots engine replays it (its price and fee in the instrument's currency). */
export function toLotEvent(r: ReportActivityRow): LotEvent | undefined {
  if ((r.type !== 'buy' && r.type !== 'sell') || !r.symbol || !r.quantity || !r.price) return undefined;
  const base = { id: r.id, accountId: r.account_id, symbol: r.symbol, date: r.date, quantity: r.quantity, price: r.price, fee: r.fee ?? '0' };
  return r.type === 'buy' ? { kind: 'buy', currency: r.currency, ...base } : { kind: 'sell', ...base };
}

/**
 * The lots engine's events of the log, in its order. A securities transfer is a `transfer-out` row followed by its
 * `transfer-in` row (main/ledger/units-transfer.ts writes them one after the other in one transaction, so they are
 * adjacent in (date, rowid) order): the pair is one transfer event from the first row's account to the second's.
 */
export function toLotEvents(rows: readonly ReportActivityRow[]): LotEvent[] {
  const out: LotEvent[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.type === 'transfer-out') {
      const to = rows[i + 1];
      if (!to || to.type !== 'transfer-in' || to.symbol !== r.symbol || to.quantity !== r.quantity || !r.symbol || !r.quantity) {
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

export function toIncomeEvent(r: ReportActivityRow): IncomeEvent | undefined {
  if (r.type !== 'dividend' && r.type !== 'interest' && r.type !== 'fee') return undefined;
  return { accountId: r.account_id, date: r.date, type: r.type, currency: r.currency, amount: r.amount, ...(r.symbol ? { symbol: r.symbol } : {}) };
}
