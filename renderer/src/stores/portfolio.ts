import { create } from 'zustand';
import type { PortfolioSnapshot } from '../../../shared/contract/index.js';
import { call, type UiError } from '../api/client.js';

interface PortfolioStore {
  snapshot: PortfolioSnapshot | null;
  loaded: boolean;
  loading: boolean;
  error: UiError | null;
  /** Fetches a fresh snapshot; a call while one is on its way asks for one more after it (never two at once). */
  load(): Promise<void>;
  reset(): void;
}

let again = false;

export const usePortfolio = create<PortfolioStore>((set, get) => ({
  snapshot: null,
  loaded: false,
  loading: false,
  error: null,
  async load() {
    if (get().loading) {
      again = true;
      return;
    }
    set({ loading: true });
    const r = await call('portfolio:snapshot', {});
    if (r.ok) set({ snapshot: r.data, loaded: true, loading: false, error: null });
    else set({ error: r.error, loaded: true, loading: false });
    if (again) {
      again = false;
      void get().load();
    }
  },
  reset() {
    again = false;
    set({ snapshot: null, loaded: false, loading: false, error: null });
  },
}));
