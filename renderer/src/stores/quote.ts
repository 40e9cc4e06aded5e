import { create } from 'zustand';
import type { OrderQuote, Request } from '../../../shared/contract/index.js';
import { api, call, type UiError } from '../api/client.js';
import { throttle } from '../api/throttle.js';

export type QuoteAsk = Request<'orders:quote'>;

/** Even without ticks the quote is read again now and then, so "Stale" appears when the feed goes quiet. */
const REFRESH_MS = 5000;
const TICK_MS = 1000;

interface QuoteStore {
  /** The last answer to orders:quote (kept while a newer ask is on its way) and the last error. */
  quote: OrderQuote | null;
  error: UiError | null;
  /** An ask is on its way. */
  loading: boolean;
  /**
   * Quotes `ask` now, again when a tick for its symbol arrives (at most once a second) and every few seconds, until
   * the returned stop is called. Answers to an earlier ask are dropped.
   */
  follow(ask: QuoteAsk): () => void;
  reset(): void;
}

let asked = 0;

export const useQuote = create<QuoteStore>((set) => ({
  quote: null,
  error: null,
  loading: false,
  follow(ask) {
    let live = true;
    const fetchQuote = async () => {
      const mine = ++asked;
      set({ loading: true });
      const r = await call('orders:quote', ask);
      if (!live || mine !== asked) return;
      if (r.ok) set({ quote: r.data, error: null, loading: false });
      else set({ error: r.error, loading: false });
    };
    void fetchQuote();
    const onTick = throttle(() => void fetchQuote(), TICK_MS);
    const off = api.on('market:prices', ({ prices }) => {
      if (prices.some((p) => p.symbol === ask.symbol)) onTick();
    });
    const timer = window.setInterval(() => void fetchQuote(), REFRESH_MS);
    return () => {
      live = false;
      off();
      onTick.cancel();
      window.clearInterval(timer);
    };
  },
  reset() {
    asked += 1;
    set({ quote: null, error: null, loading: false });
  },
}));
