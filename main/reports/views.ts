import type { IncomeEvent } from '../../shared/lots/index.js';
import type { ReportActivityRow } from './repo.js';

export { toLotEvents } from '../ledger/lot-events.js';

export function toIncomeEvent(r: ReportActivityRow): IncomeEvent | undefined {
  if (r.type !== 'dividend' && r.type !== 'interest' && r.type !== 'fee') return undefined;
  return { accountId: r.account_id, date: r.date, type: r.type, currency: r.currency, amount: r.amount, ...(r.symbol ? { symbol: r.symbol } : {}) };
}
