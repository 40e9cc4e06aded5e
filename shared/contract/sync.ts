import { z } from 'zod';

/** One line of the sync panel: a backfill or refresh job, its progress and why providers were passed over. */
export const SyncJobView = z.object({
  id: z.number(),
  kind: z.enum(['backfill', 'refresh']),
  symbol: z.string(),
  state: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
  done: z.number(),
  total: z.number(),
  rows: z.number(),
  provider: z.string().nullable(),
  error: z.string().nullable(),
  attempts: z.array(
    z.object({ provider: z.string(), outcome: z.string(), reason: z.string().nullable(), message: z.string().nullable() }),
  ),
});
export type SyncJobView = z.infer<typeof SyncJobView>;
