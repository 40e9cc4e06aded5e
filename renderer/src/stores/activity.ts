import { create } from 'zustand';
import type { ActivityRecordRequest, ActivityView } from '../../../shared/contract/index.js';
import { api, call, type CallResult, type UiError } from '../api/client.js';
import { fingerprint, SubmissionKeys } from '../api/submission.js';
import type { ActivityDraft } from '../format/activity-draft.js';


/** How many of the latest activities the page lists. */
export const RECENT = 25;

interface ActivityStore {
  /** The latest activities, newest added first; null while the first list is on its way. */
  recent: ActivityView[] | null;
  error: UiError | null;
  load(): Promise<void>;
  /**
   * Lists the latest activities afresh and again whenever money moves (fills, deposits and recordings elsewhere),
   * until the returned stop is called.
   */
  follow(): () => void;
  /** Records outside activity with one idempotency key per submission (a retry after no answer records it once). */
  record(draft: ActivityDraft, accountId?: string): Promise<CallResult<ActivityView>>;
  reset(): void;
}

let recordKeys = new SubmissionKeys();

export const useActivity = create<ActivityStore>((set, get) => ({
  recent: null,
  error: null,
  async load() {
    const r = await call('activity:list', { limit: RECENT });
    if (r.ok) set({ recent: r.data, error: null });
    else set({ error: r.error });
  },
  follow() {
    set({ recent: null, error: null });
    void get().load();
    return api.on('portfolio:changed', () => void get().load());
  },
  async record(draft, accountId) {
    const parts: Record<string, string> = { account: accountId ?? '' };
    for (const [k, v] of Object.entries(draft)) parts[k] = String(v);
    const r = await call('activity:record', { ...draft, ...(accountId ? { accountId } : {}), idempotencyKey: recordKeys.keyFor(fingerprint(parts)) } as ActivityRecordRequest);
    recordKeys.settle(r.ok || r.error.code !== 'NETWORK');
    if (r.ok) void get().load();
    return r;
  },
  reset() {
    recordKeys = new SubmissionKeys();
    set({ recent: null, error: null });
  },
}));
