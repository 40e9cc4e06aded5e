import type { HandlerSlice } from '../handler.js';
import type { ExportService } from './export.js';
import type { HistoryService } from './service.js';

type Channels = 'history:page' | 'history:summary' | 'history:facets' | 'export:start' | 'export:cancel';

export function historyHandlers(history: () => HistoryService, exports: () => ExportService): HandlerSlice<Channels> {
  return {
    'history:page': (r) => history().page(r.filter, r.sort, r.offset, r.limit),
    'history:summary': (r) => history().summary(r.filter),
    'history:facets': () => history().facets(),
    'export:start': (r) => exports().start(r.filter, r.sort, r.format),
    'export:cancel': (r) => ({ cancelled: exports().cancel(r.id) }),
  };
}
