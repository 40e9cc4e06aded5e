import { create } from 'zustand';

export interface MoneyIntent {
  currency: string;
  amount: string;
}

/** A deposit the command palette asked the Wallets page to open with ("deposit 100 eur"): read once, then cleared. */
export const useMoneyIntent = create<{ intent: MoneyIntent | null; set(intent: MoneyIntent): void; take(): MoneyIntent | null }>((set, get) => ({
  intent: null,
  set: (intent) => set({ intent }),
  take() {
    const { intent } = get();
    if (intent) set({ intent: null });
    return intent;
  },
}));
