import { create } from 'zustand';
import type { ProvidersView, Request, Response } from '../../../shared/contract/index.js';
import { call, type CallResult, type UiError } from '../api/client.js';

interface ProvidersStore {
  view: ProvidersView | null;
  error: UiError | null;
  load(): Promise<void>;
  set(view: ProvidersView): void;
  /** Saves one asset class's order and provider changes; the answer is the whole view. */
  save(update: Request<'providers:update'>): Promise<CallResult<ProvidersView>>;
  /** Asks one provider for a sample now (nothing is stored). */
  test(id: Request<'providers:test'>['id'], assetClass: Request<'providers:test'>['assetClass']): Promise<CallResult<Response<'providers:test'>>>;
  reset(): void;
}

export const useProviders = create<ProvidersStore>((set, get) => ({
  view: null,
  error: null,
  async load() {
    const r = await call('providers:list', {});
    if (r.ok) set({ view: r.data, error: null });
    else set({ error: r.error });
  },
  set(view) {
    set({ view, error: null });
  },
  async save(update) {
    const r = await call('providers:update', update);
    if (r.ok) get().set(r.data);
    return r;
  },
  test: (id, assetClass) => call('providers:test', { id, assetClass }),
  reset() {
    set({ view: null, error: null });
  },
}));

/** "frankfurter" → "Frankfurter (ECB)"; a cross "ecb+frankfurter" → both names; unknown ids as they are. */
export function sourceName(source: string | null, view: ProvidersView | null): string {
  if (!source) return '—';
  const all = view ? [...view.fx, ...view.crypto, ...view.stock] : [];
  return source
    .split('+')
    .map((id) => all.find((p) => p.id === id)?.name ?? id)
    .join(' + ');
}
