import type { IncomeEvent, LotEvent } from '../../shared/lots/index.js';
import { toLotEvent as lotEventOf } from '../ledger/lot-events.js';
import type { ReportActivityRow } from './repo.js';

/** A trade or corporate action of the log as the lots engine replays it (main/ledger/lot-events.ts). */
export function toLotEvent(r: ReportActivityRow): LotEvent | undefined {
  return lotEventOf(r);
}

export function toIncomeEvent(r: ReportActivityRow): IncomeEvent | undefined {
  if (r.type !== 'dividend' && r.type !== 'interest' && r.type !== 'fee') return undefined;
  return { accountId: r.account_id, date: r.date, type: r.type, currency: r.currency, amount: r.amount, ...(r.symbol ? { symbol: r.symbol } : {}) };
}
