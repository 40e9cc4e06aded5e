import { replaceEqualDeep } from '@tanstack/query-core';
import { create } from 'zustand';
import type { PortfolioSnapshot } from '../../../shared/contract/index.js';
import { api, call, type UiError } from '../api/client.js';
import { throttle } from '../api/throttle.js';
import { afterPaint } from '../hooks/after-paint.js';
import { pricesTouch } from '../format/portfolio-live.js';
import { shownAccountIds, useAccounts } from './accounts.js';

interface PortfolioStore {
  snapshot: PortfolioSnapshot | null;
  loaded: boolean;
  loading: boolean;
  error: UiError | null;
  /** Fetches a fresh snapshot; a call while one is on its way asks for one more after it (never two at once). */
  load(): Promise<void>;
  /**
   * Keeps the snapshot fresh until the returned stop is called: one now, then again when holdings or cash change or a
   * tick moves something it holds, at most once a second however many ticks arrive.
   */
  follow(): () => void;
  reset(): void;
}

let again = false;
const EVERY_MS = 1000;

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
    const accountIds = shownAccountIds(useAccounts.getState().shown);
    // All accounts: the first answer of a session may be the snapshot kept from the last one (marked `kept`).
    const r = await call('portfolio:snapshot', accountIds ? { accountIds } : { kept: true });
    // Structural sharing: every part of the new snapshot equal to the last one's is that same object, so the parts of
    // the page drawn from it (memoized on their inputs) are drawn again only when their own figures changed.
    if (r.ok) set({ snapshot: replaceEqualDeep(get().snapshot, r.data), loaded: true, loading: false, error: null });
    else set({ error: r.error, loaded: true, loading: false });
    // Kept figures are drawn first; then the fresh snapshot is asked for (main replays the log for it). Asked after
    // the next paint, so that drawing the kept figures does not share the CPU with the replay.
    if (r.ok && r.data.kept && !again) afterPaint(() => void get().load());
    if (again) {
      again = false;
      void get().load();
    }
  },
  follow() {
    void get().load();
    const refetch = throttle(() => void get().load(), EVERY_MS);
    const offs = [
      api.on('portfolio:changed', () => refetch()),
      api.on('wallet:changed', () => refetch()),
      api.on('market:prices', ({ prices }) => {
        if (pricesTouch(prices.map((p) => p.symbol), get().snapshot)) refetch();
      }),
    ];
    return () => {
      refetch.cancel();
      for (const off of offs) off();
    };
  },
  reset() {
    again = false;
    set({ snapshot: null, loaded: false, loading: false, error: null });
  },
}));
