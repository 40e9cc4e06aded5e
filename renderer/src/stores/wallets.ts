import { create } from 'zustand';
import type { Wallet } from '../../../shared/contract/index.js';
import { api, call, type UiError } from '../api/client.js';

interface WalletStore {
  wallets: Wallet[];
  loaded: boolean;
  error: UiError | null;
  load(): Promise<void>;
  /** Puts a freshly opened wallet in the list without a reload. */
  upsert(w: Wallet): void;
  reset(): void;
}

const LATEST = 5;

export const useWallets = create<WalletStore>((set, get) => ({
  wallets: [],
  loaded: false,
  error: null,
  async load() {
    const r = await call('wallet:list', { latest: LATEST });
    if (r.ok) set({ wallets: r.data, loaded: true, error: null });
    else set({ error: r.error });
  },
  upsert(w) {
    const rest = get().wallets.filter((x) => x.currency !== w.currency);
    set({ wallets: [...rest, w].sort((a, b) => a.currency.localeCompare(b.currency)) });
  },
  reset() {
    set({ wallets: [], loaded: false, error: null });
  },
}));

// Money moved elsewhere (another window, a later trading screen): refresh what is shown. A fill or a recorded
// activity moves cash too but announces itself as a portfolio change.
const refresh = () => {
  if (useWallets.getState().loaded) void useWallets.getState().load();
};
api.on('wallet:changed', refresh);
api.on('portfolio:changed', refresh);
