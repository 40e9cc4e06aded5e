import type { HandlerSlice } from '../handler.js';
import type { PortfolioService } from './service.js';

export function portfolioHandlers(portfolio: () => Promise<PortfolioService>): HandlerSlice<'portfolio:snapshot'> {
  return { 'portfolio:snapshot': async () => (await portfolio()).snapshot() };
}
