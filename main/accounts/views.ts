import type { Account } from '../../shared/contract/index.js';
import { DEFAULT_ACCOUNT_ID } from '../store/migrations/profile-011-accounts.js';
import type { AccountRow } from './repo.js';

export function toAccount(r: AccountRow): Account {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as Account['kind'],
    institution: r.institution,
    costMethod: r.cost_method as Account['costMethod'],
    archived: r.archived === 1,
    isDefault: r.id === DEFAULT_ACCOUNT_ID,
  };
}
