import { EntitySchema } from 'typeorm';
import { orChain } from '../../migrations/profile-007-check-lists.js';
import { ACCOUNT_COST_METHODS, ACCOUNT_KINDS } from '../../migrations/profile-011-accounts.js';

/** A place money is held: a broker, a bank, an exchange or the paper venue (profile-011-accounts.ts). */
export interface AccountRow {
  id: string;
  name: string;
  kind: (typeof ACCOUNT_KINDS)[number];
  institution: string | null;
  costMethod: (typeof ACCOUNT_COST_METHODS)[number];
  /** 0 or 1: an archived account keeps its history and takes no new money. */
  archived: number;
  createdAt: string;
  updatedAt: string;
}

export const AccountEntity = new EntitySchema<AccountRow>({
  name: 'Account',
  tableName: 'accounts',
  columns: {
    id: { type: 'text', primary: true },
    name: { type: 'text' },
    kind: { type: 'text' },
    institution: { type: 'text', nullable: true },
    costMethod: { name: 'cost_method', type: 'text', default: 'fifo' },
    archived: { type: 'integer', default: 0 },
    createdAt: { name: 'created_at', type: 'text' },
    updatedAt: { name: 'updated_at', type: 'text' },
  },
  checks: [{ expression: orChain('kind', ACCOUNT_KINDS) }, { expression: orChain('cost_method', ACCOUNT_COST_METHODS) }, { expression: 'archived IN (0, 1)' }],
});
