import type { HistoryFilter } from '../../shared/contract/index.js';

/**
 * The WHERE terms every history read shares: the date range, the types, the instrument, the accounts and the
 * transfers. `symbolColumn` differs by table (`h_symbol` on activities, `symbol` on history_days); callers add what
 * is theirs (note search, currency arms, the leg of a per-day sum).
 */
export function filterConditions(filter: HistoryFilter, symbolColumn: string): { where: string[]; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.from) {
    where.push('date >= ?');
    args.push(filter.from);
  }
  if (filter.to) {
    where.push('date <= ?');
    args.push(filter.to);
  }
  if (filter.types?.length) {
    where.push(`type IN (${filter.types.map(() => '?').join(', ')})`);
    args.push(...filter.types);
  }
  if (filter.symbol) {
    where.push(`${symbolColumn} = ?`);
    args.push(filter.symbol);
  }
  // Only `activities` has the account: a filter with accounts never reads history_days (query.ts searches()).
  const accounts = accountsOf(filter);
  if (accounts.length) {
    where.push(`account_id IN (${accounts.map(() => '?').join(', ')})`);
    args.push(...accounts);
  }
  // Only `activities` has the marker: a filter for transfers never reads history_days either.
  if (filter.transfers) where.push('transfer_with IS NOT NULL');
  return { where, args };
}

/** The accounts a filter keeps (accountId and accountIds together); empty: every account. */
export function accountsOf(filter: HistoryFilter): string[] {
  const ids = [...(filter.accountIds ?? []), ...(filter.accountId ? [filter.accountId] : [])];
  return [...new Set(ids)];
}
