import { AppError } from '../../shared/errors.js';
import type { HandlerSlice } from '../handler.js';
import type { SyncJob } from './repo.js';
import type { SyncService } from './service.js';
import { jobView } from './views.js';

export function syncHandlers(sync: SyncService, refreshAll: (force: 'all') => Promise<SyncJob[]>): HandlerSlice<'sync:jobs' | 'sync:cancel' | 'sync:run'> {
  return {
    'sync:jobs': async () => (await sync.jobs()).map(jobView),
    'sync:cancel': async (r) => {
      const job = await sync.cancel(r.id);
      if (!job) throw new AppError('NOT_FOUND', 'No such sync job.', { id: r.id });
      return jobView(job);
    },
    'sync:run': async () => (await refreshAll('all')).map(jobView),
  };
}
