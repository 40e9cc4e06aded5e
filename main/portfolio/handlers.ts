import type { HandlerSlice } from '../handler.js';
import type { FirstPage } from './first-page.js';
import type { PortfolioService } from './service.js';

export function portfolioHandlers(portfolio: () => Promise<PortfolioService>, firstPage?: FirstPage): HandlerSlice<'portfolio:snapshot' | 'portfolio:export'> {
  return {
    'portfolio:snapshot': async (r) => {
      try {
        return await (await portfolio()).snapshot(r);
      } finally {
        firstPage?.answered();
      }
    },
    'portfolio:export': async (r) => (await portfolio()).exportCsv(r),
  };
}
