import { useEffect } from 'react';
import { usePortfolio } from '../stores/portfolio.js';

/** Keeps the portfolio fresh while its page is shown (the store's follow: a snapshot now, then on changes). */
export function usePortfolioLive(): void {
  useEffect(() => usePortfolio.getState().follow(), []);
}
