import type { HandlerSlice } from '../handler.js';
import type { WalletService } from './service.js';

type Channels = 'wallet:list' | 'wallet:open' | 'wallet:deposit' | 'wallet:withdraw' | 'wallet:entries';

export function walletHandlers(wallets: () => WalletService): HandlerSlice<Channels> {
  return {
    'wallet:list': (r) => wallets().list(r.latest ?? 5, r.accountId),
    'wallet:open': (r) => wallets().open(r.currency, r.accountId),
    'wallet:deposit': (r) => wallets().deposit(r),
    'wallet:withdraw': (r) => wallets().withdraw(r),
    'wallet:entries': (r) => wallets().entries(r.currency, r.limit, r.beforeId, r.accountId),
  };
}
