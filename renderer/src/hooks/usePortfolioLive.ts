import { useEffect } from 'react';
import { api } from '../api/client.js';
import { throttle } from '../api/throttle.js';
import { pricesTouch } from '../format/portfolio-live.js';
import { usePortfolio } from '../stores/portfolio.js';

const EVERY_MS = 1000;

/**
 * Keeps the portfolio fresh while its page is shown: a snapshot now, then again when holdings or cash change or a
 * tick moves something it holds — at most once a second however many ticks arrive.
 */
export function usePortfolioLive(): void {
  useEffect(() => {
    const store = usePortfolio.getState();
    void store.load();
    const refetch = throttle(() => void usePortfolio.getState().load(), EVERY_MS);
    const offs = [
      api.on('portfolio:changed', () => refetch()),
      api.on('wallet:changed', () => refetch()),
      api.on('market:prices', ({ prices }) => {
        if (pricesTouch(prices.map((p) => p.symbol), usePortfolio.getState().snapshot)) refetch();
      }),
    ];
    return () => {
      refetch.cancel();
      for (const off of offs) off();
    };
  }, []);
}
