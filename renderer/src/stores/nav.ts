import { create } from 'zustand';

export type Page =
  | 'wallets'
  | 'portfolio'
  | 'trade'
  | 'orders'
  | 'activity'
  | 'convert'
  | 'markets'
  | 'catalogue'
  | 'sources'
  | 'sync'
  | 'settings'
  | 'history'
  | 'health'
  | 'alerts';

export const useNav = create<{ page: Page; go(page: Page): void }>((set) => ({
  page: 'wallets',
  go: (page) => set({ page }),
}));
