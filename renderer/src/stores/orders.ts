import { create } from 'zustand';
import type { OrderView } from '../../../shared/contract/index.js';
import { api, call, type UiError } from '../api/client.js';
import type { OrderState } from '../format/orders.js';

/** The list's filter: everything, what is still waiting, or one state. */
export type OrderFilter = 'all' | 'active' | OrderState;

const ACTIVE: OrderState[] = ['pending', 'aggregating', 'open'];
const LIMIT = 200;

export function statesOf(filter: OrderFilter): OrderState[] | undefined {
  if (filter === 'all') return undefined;
  if (filter === 'active') return ACTIVE;
  return [filter];
}

function matches(o: OrderView, filter: OrderFilter): boolean {
  const states = statesOf(filter);
  return states === undefined || states.includes(o.state);
}

function newestFirst(a: OrderView, b: OrderView): number {
  return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id.localeCompare(a.id);
}

interface OrdersStore {
  orders: OrderView[];
  filter: OrderFilter;
  loaded: boolean;
  error: UiError | null;
  /** The order whose detail is open on the Orders page. */
  selected: string | null;
  /** Bumped on every change pushed by main, so an open detail view refetches. */
  version: number;
  load(): Promise<void>;
  setFilter(filter: OrderFilter): void;
  select(id: string | null): void;
  /** A changed or new order from main (or the answer of a place/cancel). */
  apply(o: OrderView): void;
  reset(): void;
}

export const useOrders = create<OrdersStore>((set, get) => ({
  orders: [],
  filter: 'all',
  loaded: false,
  error: null,
  selected: null,
  version: 0,
  async load() {
    const filter = get().filter;
    const states = statesOf(filter);
    const r = await call('orders:list', { limit: LIMIT, ...(states ? { states } : {}) });
    if (get().filter !== filter) return; // the filter changed while this was on its way
    if (r.ok) set({ orders: [...r.data].sort(newestFirst), loaded: true, error: null });
    else set({ error: r.error, loaded: true });
  },
  setFilter(filter) {
    if (filter === get().filter) return;
    set({ filter, loaded: false });
    void get().load();
  },
  select(id) {
    set({ selected: id });
  },
  apply(o) {
    const { orders, filter } = get();
    const rest = orders.filter((x) => x.id !== o.id);
    const next = matches(o, filter) ? [...rest, o].sort(newestFirst) : rest;
    set({ orders: next, version: get().version + 1 });
  },
  reset() {
    set({ orders: [], filter: 'all', loaded: false, error: null, selected: null, version: 0 });
  },
}));

// Live: placed, aggregated, filled, cancelled — also by the aggregation timer and limit matching in main.
api.on('orders:changed', (o) => {
  if (useOrders.getState().loaded) useOrders.getState().apply(o);
  else useOrders.setState((s) => ({ version: s.version + 1 }));
});
