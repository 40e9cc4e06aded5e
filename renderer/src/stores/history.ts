import { create } from 'zustand';
import type { ExportProgress, HistoryEntry, HistoryFilter, HistorySort, HistorySummary } from '../../../shared/contract/index.js';
import { api, call, type CallResult, type UiError } from '../api/client.js';

/** Rows per request while scrolling; the virtual table asks for the pages it is about to show. */
export const PAGE_SIZE = 100;

interface HistoryStore {
  filter: HistoryFilter;
  sort: HistorySort;
  summary: HistorySummary | null;
  /** Loaded pages by index (page i holds rows i*PAGE_SIZE …), for the current filter, sort and data version. */
  pages: Map<number, HistoryEntry[]>;
  /** Bumped whenever the filter, the sort or the data changes: answers for an older version are dropped. */
  version: number;
  error: UiError | null;
  facets: { symbols: string[]; currencies: string[] };
  exportJob: ExportProgress | null;
  setFilter(patch: Partial<HistoryFilter>): void;
  clearFilter(): void;
  sortBy(column: HistorySort['column']): void;
  /** Reloads the totals and drops loaded pages (after a filter change or new data). */
  refresh(): Promise<void>;
  ensurePage(index: number): void;
  loadFacets(): Promise<void>;
  setExport(job: ExportProgress | null): void;
  /** Exports what the list shows (its filter and sort), or everything; the job's progress then arrives as events. */
  startExport(format: 'csv' | 'json', everything: boolean): Promise<CallResult<ExportProgress>>;
  cancelExport(): Promise<void>;
  reset(): void;
}

const inFlight = new Set<string>();
const latestExport = new Map<string, ExportProgress>();

/** Drops empty strings so a cleared input means "no filter", not "match empty". */
function clean(filter: HistoryFilter): HistoryFilter {
  const out: HistoryFilter = {};
  if (filter.from) out.from = filter.from;
  if (filter.to) out.to = filter.to;
  if (filter.types?.length) out.types = filter.types;
  if (filter.symbol) out.symbol = filter.symbol;
  if (filter.currency) out.currency = filter.currency;
  if (filter.search?.trim()) out.search = filter.search.trim();
  if (filter.accountIds?.length) out.accountIds = filter.accountIds;
  if (filter.transfers) out.transfers = true;
  return out;
}

export const useHistory = create<HistoryStore>((set, get) => ({
  filter: {},
  sort: { column: 'date', direction: 'desc' },
  summary: null,
  pages: new Map(),
  version: 0,
  error: null,
  facets: { symbols: [], currencies: [] },
  exportJob: null,
  setFilter(patch) {
    set({ filter: clean({ ...get().filter, ...patch }) });
    void get().refresh();
  },
  clearFilter() {
    set({ filter: {} });
    void get().refresh();
  },
  sortBy(column) {
    const { sort } = get();
    // A new column starts in its natural direction: dates newest first, everything else ascending.
    const direction = sort.column === column ? (sort.direction === 'asc' ? 'desc' : 'asc') : column === 'date' ? 'desc' : 'asc';
    set({ sort: { column, direction }, pages: new Map(), version: get().version + 1 });
  },
  async refresh() {
    const version = get().version + 1;
    set({ version, pages: new Map() });
    const r = await call('history:summary', { filter: get().filter });
    if (get().version !== version) return;
    if (r.ok) set({ summary: r.data, error: null });
    else set({ error: r.error });
  },
  ensurePage(index) {
    const { pages, version, filter, sort } = get();
    const key = `${version}:${index}`;
    if (pages.has(index) || inFlight.has(key)) return;
    inFlight.add(key);
    void call('history:page', { filter, sort, offset: index * PAGE_SIZE, limit: PAGE_SIZE }).then((r) => {
      inFlight.delete(key);
      if (get().version !== version) return;
      if (!r.ok) {
        set({ error: r.error });
        return;
      }
      const next = new Map(get().pages);
      next.set(index, r.data.rows);
      set({ pages: next });
    });
  },
  async loadFacets() {
    const r = await call('history:facets', {});
    if (r.ok) set({ facets: r.data });
  },
  setExport(job) {
    // Over HTTP the event stream may bring the end of a short export before the call that started it returns.
    const seen = job ? latestExport.get(job.id) : undefined;
    set({ exportJob: seen && seen.state !== 'running' ? seen : job });
  },
  async startExport(format, everything) {
    const { filter, sort } = get();
    const r = await call('export:start', { filter: everything ? {} : filter, sort, format });
    // The desktop's save dialog was closed: nothing to show.
    if (r.ok) get().setExport(r.data.state === 'cancelled' ? null : r.data);
    return r;
  },
  async cancelExport() {
    const job = get().exportJob;
    if (job) await call('export:cancel', { id: job.id });
  },
  reset() {
    inFlight.clear();
    set({ filter: {}, sort: { column: 'date', direction: 'desc' }, summary: null, pages: new Map(), version: get().version + 1, error: null, facets: { symbols: [], currencies: [] }, exportJob: null });
  },
}));

/** A row from the loaded pages, or undefined while its page is on its way. */
export function rowAt(pages: Map<number, HistoryEntry[]>, index: number): HistoryEntry | undefined {
  return pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
}

// New money anywhere (a deposit, a fill, a recorded activity, an import, a restore): the history is stale.
let pending: ReturnType<typeof setTimeout> | null = null;
function stale(): void {
  if (useHistory.getState().summary === null || pending) return;
  pending = setTimeout(() => {
    pending = null;
    void useHistory.getState().refresh();
    void useHistory.getState().loadFacets();
  }, 150);
}
api.on('portfolio:changed', stale);
api.on('wallet:changed', stale);
api.on('export:progress', (p) => {
  latestExport.set(p.id, p);
  if (latestExport.size > 20) latestExport.delete(latestExport.keys().next().value!);
  const job = useHistory.getState().exportJob;
  if (job && job.id === p.id) useHistory.getState().setExport(p);
});
