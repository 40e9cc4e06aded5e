import { create } from 'zustand';

/** What another page asked the Trade page to open with ("Sell" on a holding): read once, then cleared. */
export const useTradeIntent = create<{ symbol: string | null; side: 'buy' | 'sell'; set(symbol: string, side: 'buy' | 'sell'): void; take(): { symbol: string; side: 'buy' | 'sell' } | null }>(
  (set, get) => ({
    symbol: null,
    side: 'buy',
    set: (symbol, side) => set({ symbol, side }),
    take() {
      const { symbol, side } = get();
      if (symbol === null) return null;
      set({ symbol: null });
      return { symbol, side };
    },
  }),
);
