import type { CatalogueService } from '../catalogue/service.js';
import type { HandlerSlice } from '../handler.js';
import type { InstrumentSearch } from './service.js';

export function searchHandlers(search: InstrumentSearch, catalogue: () => CatalogueService): HandlerSlice<'instruments:search' | 'instruments:pick'> {
  return {
    'instruments:search': async (r) => search.search(await catalogue().instrumentList(), r.query, { remote: r.remote, limit: r.limit }),
    'instruments:pick': (r) => catalogue().adoptInstrument(r),
  };
}
