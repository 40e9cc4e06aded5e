import type { HandlerSlice } from '../handler.js';
import type { ActivityService } from './service.js';

export function activityHandlers(activities: () => Promise<ActivityService>): HandlerSlice<'activity:record' | 'activity:list'> {
  return {
    'activity:record': async (r) => (await activities()).record(r),
    'activity:list': async (r) => (await activities()).list(r),
  };
}
