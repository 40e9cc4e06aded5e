import type { IncomeEvent } from '../../shared/lots/index.js';
import type { IncomeActivityRow } from './repo.js';

export function toIncomeEvent(r: IncomeActivityRow): IncomeEvent {
  return { accountId: r.account_id, date: r.date, type: r.type, currency: r.currency, amount: r.amount, ...(r.symbol ? { symbol: r.symbol } : {}) };
}
