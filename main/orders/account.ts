import { AppError } from '../../shared/errors.js';
import { openAccount } from '../accounts/service.js';
import { DEFAULT_ACCOUNT_ID } from '../store/migrations/profile-011-accounts.js';
import type { ReadDb } from '../store/writer.js';

/**
 * The account an order settles in: the default account when none is named (no read: it is the paper account every
 * profile has, and its kind cannot change), otherwise an open account of the paper kind when the venue is Bourse's
 * paper venue (ACCOUNT_NOT_PAPER for a brokerage, bank or other account: their money is real, the venue is not).
 */
export function orderAccount(db: ReadDb, accountId: string | undefined, venue: string): string {
  if (accountId === undefined || accountId === DEFAULT_ACCOUNT_ID) return DEFAULT_ACCOUNT_ID;
  const a = openAccount(db, accountId);
  if (venue === 'paper' && a.kind !== 'paper') {
    throw new AppError('ACCOUNT_NOT_PAPER', `${a.name} is not a paper account: orders on the paper venue go to a paper account.`, { accountId: a.id, kind: a.kind });
  }
  return a.id;
}
