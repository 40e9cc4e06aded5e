import { create } from 'zustand';

export interface TradeIntent {
  symbol: string;
  side: 'buy' | 'sell';
  /** A quantity to fill in ("buy 2 aapl" in the command palette). */
  quantity?: string;
}

/** What another page (or the command palette) asked the Trade page to open with: read once, then cleared. */
export const useTradeIntent = create<{ intent: TradeIntent | null; set(symbol: string, side: 'buy' | 'sell', quantity?: string): void; take(): TradeIntent | null }>(
  (set, get) => ({
    intent: null,
    set: (symbol, side, quantity) => set({ intent: quantity === undefined ? { symbol, side } : { symbol, side, quantity } }),
    take() {
      const { intent } = get();
      if (intent) set({ intent: null });
      return intent;
    },
  }),
);
