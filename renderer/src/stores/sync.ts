import { create } from 'zustand';
import type { SyncJobView } from '../../../shared/contract/index.js';
import { api, call, type CallResult, type UiError } from '../api/client.js';

interface SyncStore {
  jobs: SyncJobView[];
  loaded: boolean;
  error: UiError | null;
  load(): Promise<void>;
  upsert(jobs: readonly SyncJobView[]): void;
  /** Starts a sync of everything in use; the answer lists the jobs it started (none when all is up to date). */
  run(): Promise<CallResult<SyncJobView[]>>;
  cancel(id: number): Promise<CallResult<SyncJobView | null>>;
  reset(): void;
}

const ACTIVE = new Set<SyncJobView['state']>(['running', 'queued']);
/** How far along a job is: queued, then running, then one of the final states (which never change again). */
const STAGE: Record<SyncJobView['state'], number> = { queued: 0, running: 1, done: 2, failed: 2, cancelled: 2 };

/** Running and queued jobs first, then the most recent; ids grow with time. */
export function orderJobs(jobs: readonly SyncJobView[]): SyncJobView[] {
  return [...jobs].sort((a, b) => Number(ACTIVE.has(b.state)) - Number(ACTIVE.has(a.state)) || b.id - a.id);
}

/**
 * Whether `next` may replace `current`. A job only moves forward (queued → running → a final state; its chunks only
 * grow), but its views come by two roads: progress events, and the answers of sync:jobs and sync:run, which are
 * snapshots taken when main handled the call and can arrive after later events. A job that finished within a few
 * milliseconds of "Sync now" would otherwise go back to "Queued" for good: no event follows its end.
 */
export function isNewerJob(next: SyncJobView, current: SyncJobView | undefined): boolean {
  if (!current) return true;
  const a = STAGE[current.state];
  const b = STAGE[next.state];
  return b > a || (b === a && b < STAGE.done && next.done >= current.done);
}

function merge(jobs: readonly SyncJobView[], views: readonly SyncJobView[]): SyncJobView[] {
  const map = new Map(jobs.map((j) => [j.id, j]));
  for (const j of views) if (isNewerJob(j, map.get(j.id))) map.set(j.id, j);
  return orderJobs([...map.values()]);
}

export const useSync = create<SyncStore>((set, get) => ({
  jobs: [],
  loaded: false,
  error: null,
  async load() {
    const r = await call('sync:jobs', {});
    // Merged, not replaced: progress events that arrived while the list was on its way are newer than it.
    if (r.ok) set({ jobs: merge(get().jobs, r.data), loaded: true, error: null });
    else set({ error: r.error });
  },
  upsert(jobs) {
    set({ jobs: merge(get().jobs, jobs) });
  },
  async run() {
    const r = await call('sync:run', {});
    if (r.ok) get().upsert(r.data);
    return r;
  },
  async cancel(id) {
    const r = await call('sync:cancel', { id });
    if (r.ok && r.data) get().upsert([r.data]);
    return r;
  },
  reset() {
    set({ jobs: [], loaded: false, error: null });
  },
}));

// Progress of every job as the worker reports it.
api.on('sync:progress', (job) => useSync.getState().upsert([job]));
