import { create } from 'zustand';
import type { ActivityView, SplitProposalView } from '../../../shared/contract/index.js';
import { api, call, type CallResult, type UiError } from '../api/client.js';

interface CorporateStore {
  /** Split proposals still to decide, oldest split first (docs/design.md#split-proposals). */
  proposals: SplitProposalView[];
  /** Splits recorded by confirming a proposal: the activity's id → the provider that published it (its id). */
  confirmedBy: Record<string, string>;
  loaded: boolean;
  error: UiError | null;
  /** The proposal whose confirmation or dismissal is on its way (its buttons wait). */
  deciding: string | null;
  load(): Promise<void>;
  /** Records the proposed split in every account holding the instrument; one key per proposal until answered. */
  confirm(id: string): Promise<CallResult<{ proposal: SplitProposalView; activity: ActivityView }>>;
  dismiss(id: string): Promise<CallResult<SplitProposalView>>;
  reset(): void;
}

/** The key of a confirmation sent without an answer: sent again, it records the split once. */
const confirmKeys = new Map<string, string>();

export const useCorporate = create<CorporateStore>((set, get) => ({
  proposals: [],
  confirmedBy: {},
  loaded: false,
  error: null,
  deciding: null,
  async load() {
    // The decided ones too: the Activity page names who published a confirmed split (a handful of rows per profile).
    const r = await call('corporate:proposals', { all: true });
    if (!r.ok) return set({ error: r.error });
    const confirmedBy: Record<string, string> = {};
    for (const p of r.data) if (p.state === 'confirmed' && p.activityId) confirmedBy[p.activityId] = p.provider;
    set({ proposals: r.data.filter((p) => p.state === 'proposed'), confirmedBy, loaded: true, error: null });
  },
  async confirm(id) {
    const idempotencyKey = confirmKeys.get(id) ?? `confirm-split-${crypto.randomUUID()}`;
    confirmKeys.set(id, idempotencyKey);
    set({ deciding: id });
    const r = await call('corporate:confirm', { id, idempotencyKey });
    if (r.ok || r.error.code !== 'NETWORK') confirmKeys.delete(id);
    set({ deciding: null });
    // Decided here or elsewhere (a refusal says it is gone or decided): the list is read again either way.
    if (r.ok) set({ proposals: get().proposals.filter((p) => p.id !== id) });
    if (r.ok || r.error.code !== 'NETWORK') void get().load();
    return r;
  },
  async dismiss(id) {
    set({ deciding: id });
    const r = await call('corporate:dismiss', { id });
    set({ deciding: null });
    if (r.ok) set({ proposals: get().proposals.filter((p) => p.id !== id) });
    if (r.ok || r.error.code !== 'NETWORK') void get().load();
    return r;
  },
  reset() {
    confirmKeys.clear();
    set({ proposals: [], confirmedBy: {}, loaded: false, error: null, deciding: null });
  },
}));

// New proposals after a sync, or one decided in another window: read the list again (the event carries a count only).
api.on('corporate:proposals', () => void useCorporate.getState().load());
