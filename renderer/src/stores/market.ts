import { create } from 'zustand';
import type { FeedState, PriceView } from '../../../shared/contract/index.js';
import { api, call, type CallResult, type UiError } from '../api/client.js';

interface MarketStore {
  /** Watched symbols in the order main lists them; updates replace a symbol in place. */
  prices: PriceView[];
  feed: FeedState | null;
  loaded: boolean;
  error: UiError | null;
  load(): Promise<void>;
  apply(updates: readonly PriceView[]): void;
  /** Reloads until a symbol just added to the catalogue is watched (main plans its feed right after the write). */
  follow(symbol: string): Promise<void>;
  /** Follows a feed server's URL, or the embedded feed for an empty one. */
  configureFeed(url: string): Promise<CallResult<FeedState>>;
  reset(): void;
}

export const useMarket = create<MarketStore>((set, get) => ({
  prices: [],
  feed: null,
  loaded: false,
  error: null,
  async load() {
    const r = await call('market:watchlist', {});
    if (r.ok) set({ prices: r.data.prices, feed: r.data.feed, loaded: true, error: null });
    else set({ error: r.error });
  },
  async follow(symbol) {
    for (let i = 0; i < 10; i++) {
      await get().load();
      if (get().prices.some((p) => p.symbol === symbol)) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  },
  apply(updates) {
    const next = [...get().prices];
    for (const u of updates) {
      const i = next.findIndex((p) => p.symbol === u.symbol);
      if (i >= 0) next[i] = u;
      else next.push(u);
    }
    set({ prices: next });
  },
  async configureFeed(url) {
    const r = await call('feed:configure', { url });
    if (r.ok) set({ feed: r.data });
    return r;
  },
  reset() {
    set({ prices: [], feed: null, loaded: false, error: null });
  },
}));

// Live: coalesced price updates and the feed's connection state, pushed by main.
api.on('market:prices', ({ prices }) => {
  if (useMarket.getState().loaded) useMarket.getState().apply(prices);
});
api.on('market:feed', (feed) => useMarket.setState({ feed }));
