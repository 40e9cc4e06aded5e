import type { HandlerSlice } from '../handler.js';
import type { PortfolioService } from './service.js';

export function portfolioHandlers(portfolio: () => Promise<PortfolioService>): HandlerSlice<'portfolio:snapshot' | 'portfolio:export'> {
  return {
    'portfolio:snapshot': async (r) => (await portfolio()).snapshot(r),
    'portfolio:export': async (r) => (await portfolio()).exportCsv(r),
  };
}
