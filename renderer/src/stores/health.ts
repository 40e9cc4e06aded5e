import { create } from 'zustand';
import type { HealthReport } from '../../../shared/contract/index.js';
import { call, type UiError } from '../api/client.js';
import { useNav } from './nav.js';

interface HealthStore {
  report: HealthReport | null;
  loading: boolean;
  error: UiError | null;
  /** The row a warning's link asked for: the page scrolls to it and marks it. */
  focus: string | null;
  load(): Promise<void>;
  /** Opens the data health page at a row (`AAPL`, `EUR-USD`). */
  open(key: string): void;
  reset(): void;
}

export const useHealth = create<HealthStore>((set) => ({
  report: null,
  loading: false,
  error: null,
  focus: null,
  async load() {
    set({ loading: true });
    const r = await call('health:report', {});
    if (r.ok) set({ report: r.data, error: null, loading: false });
    else set({ error: r.error, loading: false });
  },
  open(key) {
    set({ focus: key });
    useNav.getState().go('health');
  },
  reset() {
    set({ report: null, loading: false, error: null, focus: null });
  },
}));
