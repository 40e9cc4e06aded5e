import { create } from 'zustand';
import type { ProvidersView } from '../../../shared/contract/index.js';
import { call, type UiError } from '../api/client.js';

interface ProvidersStore {
  view: ProvidersView | null;
  error: UiError | null;
  load(): Promise<void>;
  set(view: ProvidersView): void;
  reset(): void;
}

export const useProviders = create<ProvidersStore>((set) => ({
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
