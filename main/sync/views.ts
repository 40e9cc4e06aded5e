import type { Response } from '../../shared/contract/index.js';
import type { SyncJob } from './repo.js';

export function jobView(job: SyncJob): Response<'sync:jobs'>[number] {
  return {
    id: job.id,
    kind: job.kind,
    symbol: job.symbol,
    state: job.state,
    done: job.doneChunks,
    total: job.totalChunks,
    rows: job.rows,
    provider: job.provider,
    error: job.error,
    attempts: job.attempts.map((a) => ({ provider: a.provider, outcome: a.outcome, reason: a.reason ?? null, message: a.message ?? null })),
  };
}
