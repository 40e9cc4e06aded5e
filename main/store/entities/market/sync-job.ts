import { EntitySchema } from 'typeorm';

/**
 * A backfill or refresh that survives restarts. `done_chunks` is the cursor, advanced in the same transaction that
 * stores the chunk's rows, so an interrupted job resumes where its last acknowledged batch ended.
 */
export interface SyncJobRow {
  id: number;
  kind: 'backfill' | 'refresh';
  assetClass: string;
  symbol: string;
  target: string;
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  /** JSON: the job's date ranges, one per chunk. */
  plan: string;
  doneChunks: number;
  totalChunks: number;
  rows: number;
  provider: string | null;
  error: string | null;
  /** JSON: the providers' attempts. */
  attempts: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export const SyncJobEntity = new EntitySchema<SyncJobRow>({
  name: 'SyncJob',
  tableName: 'sync_jobs',
  columns: {
    // Nullable as written by its migration (no NOT NULL); as a rowid alias it never holds NULL: an insert without
    // it gets the next id.
    id: { type: 'integer', primary: true, nullable: true, generated: 'increment' },
    kind: { type: 'text' },
    assetClass: { name: 'asset_class', type: 'text' },
    symbol: { type: 'text' },
    target: { type: 'text' },
    state: { type: 'text' },
    plan: { type: 'text' },
    doneChunks: { name: 'done_chunks', type: 'integer', default: 0 },
    totalChunks: { name: 'total_chunks', type: 'integer' },
    rows: { type: 'integer', default: 0 },
    provider: { type: 'text', nullable: true },
    error: { type: 'text', nullable: true },
    attempts: { type: 'text', nullable: true },
    createdAt: { name: 'created_at', type: 'text' },
    updatedAt: { name: 'updated_at', type: 'text' },
    finishedAt: { name: 'finished_at', type: 'text', nullable: true },
  },
  indices: [{ name: 'idx_sync_jobs_state', columns: ['state', 'id'] }],
});
