import type { HandlerSlice } from '../handler.js';
import type { AlertService } from './service.js';

type Channels = 'alerts:list' | 'alerts:create' | 'alerts:delete' | 'alerts:history';

export function alertHandlers(alerts: () => AlertService): HandlerSlice<Channels> {
  return {
    'alerts:list': () => alerts().list(),
    'alerts:create': (r) => alerts().create(r),
    'alerts:delete': (r) => alerts().delete(r.id),
    'alerts:history': (r) => alerts().history(r.limit),
  };
}
