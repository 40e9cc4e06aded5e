import type { HandlerSlice } from '../handler.js';
import type { AccountService } from './service.js';

type Channels = 'account:balances' | 'account:list' | 'account:create' | 'account:update' | 'account:archive' | 'account:transfer';

export function accountHandlers(accounts: () => AccountService): HandlerSlice<Channels> {
  return {
    'account:balances': () => accounts().balances(),
    'account:list': (r) => accounts().list(r.includeArchived ?? false),
    'account:create': (r) => accounts().create(r),
    'account:update': (r) => accounts().update(r),
    'account:archive': (r) => accounts().archive(r.id),
    'account:transfer': (r) => accounts().transfer(r),
  };
}
