import { create } from 'zustand';
import type { IncomeReport, RealizedReport, ReportFile } from '../../../shared/contract/index.js';
import { call, type UiError } from '../api/client.js';

interface ReportStore {
  year: number;
  /** The accounts covered: empty for all. */
  accountIds: string[];
  realized: RealizedReport | null;
  income: IncomeReport | null;
  loading: boolean;
  error: UiError | null;
  /** The last file saved (a download address in the browser, a path on the desktop). */
  file: ReportFile | null;
  saving: boolean;
  choose(patch: { year?: number; accountIds?: string[] }): void;
  load(): Promise<void>;
  save(report: 'realized' | 'income', format: 'csv' | 'pdf'): Promise<void>;
  reset(): void;
}

const thisYear = () => new Date().getFullYear();
let asked = 0;

export const useReports = create<ReportStore>((set, get) => ({
  year: thisYear(),
  accountIds: [],
  realized: null,
  income: null,
  loading: false,
  error: null,
  file: null,
  saving: false,
  choose(patch) {
    set({ ...patch, file: null });
    void get().load();
  },
  async load() {
    const mine = ++asked;
    const { year, accountIds } = get();
    const req = { year, ...(accountIds.length ? { accountIds } : {}) };
    set({ loading: true });
    const [realized, income] = await Promise.all([call('report:realized', req), call('report:income', req)]);
    if (mine !== asked) return; // a later choice is on its way
    if (!realized.ok) return set({ error: realized.error, loading: false });
    if (!income.ok) return set({ error: income.error, loading: false });
    set({ realized: realized.data, income: income.data, loading: false, error: null });
  },
  async save(report, format) {
    const { year, accountIds } = get();
    set({ saving: true, file: null });
    const r = await call('report:file', { report, format, year, ...(accountIds.length ? { accountIds } : {}) });
    set(r.ok ? { file: r.data, saving: false, error: null } : { error: r.error, saving: false });
  },
  reset() {
    asked++;
    set({ year: thisYear(), accountIds: [], realized: null, income: null, loading: false, error: null, file: null, saving: false });
  },
}));
