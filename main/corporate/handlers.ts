import type { HandlerSlice } from '../handler.js';
import type { CorporateService } from './service.js';

type Channels = 'corporate:proposals' | 'corporate:confirm' | 'corporate:dismiss';

export function corporateHandlers(corporate: () => CorporateService | Promise<CorporateService>): HandlerSlice<Channels> {
  return {
    'corporate:proposals': async (r) => (await corporate()).list(r.all ?? false),
    'corporate:confirm': async (r) => (await corporate()).confirm(r),
    'corporate:dismiss': async (r) => (await corporate()).dismiss(r.id),
  };
}
