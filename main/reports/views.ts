import type { IncomeEvent, LotEvent } from '../../shared/lots/index.js';
import type { ReportActivityRow } from './repo.js';

/** A trade of the log as the lots engine replays it (its price and fee in the instrument's currency). */
export function toLotEvent(r: ReportActivityRow): LotEvent | undefined {
  if ((r.type !== 'buy' && r.type !== 'sell') || !r.symbol || !r.quantity || !r.price) return undefined;
  const base = { id: r.id, accountId: r.account_id, symbol: r.symbol, date: r.date, quantity: r.quantity, price: r.price, fee: r.fee ?? '0' };
  return r.type === 'buy' ? { kind: 'buy', currency: r.currency, ...base } : { kind: 'sell', ...base };
}

export function toIncomeEvent(r: ReportActivityRow): IncomeEvent | undefined {
  if (r.type !== 'dividend' && r.type !== 'interest' && r.type !== 'fee') return undefined;
  return { accountId: r.account_id, date: r.date, type: r.type, currency: r.currency, amount: r.amount, ...(r.symbol ? { symbol: r.symbol } : {}) };
}
