import type { HandlerSlice } from '../handler.js';
import type { CatalogueService } from './service.js';

type Channels =
  | 'currency:list'
  | 'currency:add'
  | 'currency:update'
  | 'currency:remove'
  | 'instrument:list'
  | 'instrument:add'
  | 'instrument:update'
  | 'instrument:remove';

export function catalogueHandlers(catalogue: () => CatalogueService): HandlerSlice<Channels> {
  return {
    'currency:list': () => catalogue().currencies(),
    'currency:add': (r) => catalogue().addCurrency(r.code, r.name, r.minorUnit),
    'currency:update': (r) => catalogue().updateCurrency(r.code, r),
    'currency:remove': (r) => catalogue().removeCurrency(r.code),
    'instrument:list': () => catalogue().instruments(),
    'instrument:add': (r) => catalogue().addInstrument(r),
    'instrument:update': (r) => catalogue().updateInstrument(r),
    'instrument:remove': (r) => catalogue().removeInstrument(r.id),
  };
}
