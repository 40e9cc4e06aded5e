import { create } from 'zustand';
import type { SyncJobView } from '../../../shared/contract/index.js';
import { api, call, type UiError } from '../api/client.js';

interface SyncStore {
  jobs: SyncJobView[];
  loaded: boolean;
  error: UiError | null;
  load(): Promise<void>;
  upsert(jobs: readonly SyncJobView[]): void;
  reset(): void;
}

const ACTIVE = new Set<SyncJobView['state']>(['running', 'queued']);

/** Running and queued jobs first, then the most recent; ids grow with time. */
export function orderJobs(jobs: readonly SyncJobView[]): SyncJobView[] {
  return [...jobs].sort((a, b) => Number(ACTIVE.has(b.state)) - Number(ACTIVE.has(a.state)) || b.id - a.id);
}

export const useSync = create<SyncStore>((set, get) => ({
  jobs: [],
  loaded: false,
  error: null,
  async load() {
    const r = await call('sync:jobs', {});
    if (r.ok) set({ jobs: orderJobs(r.data), loaded: true, error: null });
    else set({ error: r.error });
  },
  upsert(jobs) {
    const map = new Map(get().jobs.map((j) => [j.id, j]));
    for (const j of jobs) map.set(j.id, j);
    set({ jobs: orderJobs([...map.values()]) });
  },
  reset() {
    set({ jobs: [], loaded: false, error: null });
  },
}));

// Progress of every job as the worker reports it.
api.on('sync:progress', (job) => useSync.getState().upsert([job]));
