import { create } from 'zustand';
import type { OrderDetail, OrderView } from '../../../shared/contract/index.js';
import { api, call, type CallResult, type UiError } from '../api/client.js';
import { fingerprint, SubmissionKeys } from '../api/submission.js';
import type { OrderTerms } from '../format/order-terms.js';
import type { OrderState } from '../format/orders.js';

/** The list's filter: everything, what is still waiting, or one state. */
export type OrderFilter = 'all' | 'active' | OrderState;

const ACTIVE: OrderState[] = ['pending', 'aggregating', 'open'];
const LIMIT = 200;
/** How many orders the Trade page lists under its form. */
export const RECENT = 6;

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

function byCreated(a: OrderView, b: OrderView): number {
  return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0;
}

interface OrdersStore {
  orders: OrderView[];
  filter: OrderFilter;
  loaded: boolean;
  error: UiError | null;
  /** The order whose detail is open on the Orders page, and what orders:get answered for it. */
  selected: string | null;
  detail: OrderDetail | null;
  detailError: UiError | null;
  /** The newest few orders in any state (the Trade page); null while they are on their way. */
  recent: OrderView[] | null;
  /** Bumped on every change pushed by main, so an open detail view refetches. */
  version: number;
  load(): Promise<void>;
  setFilter(filter: OrderFilter): void;
  select(id: string | null): void;
  loadDetail(id: string): Promise<void>;
  loadRecent(): Promise<void>;
  /** A changed or new order from main (or the answer of a place/cancel). */
  apply(o: OrderView): void;
  /**
   * Places an order with one idempotency key per submission: a double-click, or a retry after no answer, makes one
   * order. `confirmed` answers PRICE_NEEDS_CONFIRMATION (a price far from the last one).
   */
  place(terms: OrderTerms, confirmed: boolean): Promise<CallResult<OrderView>>;
  /** Cancels with one key per order, kept after no answer so that a retry is the same request. */
  cancel(id: string): Promise<CallResult<OrderView>>;
  reset(): void;
}

let placeKeys = new SubmissionKeys();
let cancelKeys = new Map<string, SubmissionKeys>();
/** Answers of orders:get for an earlier selection or version are dropped. */
let detailAsk = 0;

export const useOrders = create<OrdersStore>((set, get) => ({
  orders: [],
  filter: 'all',
  loaded: false,
  error: null,
  selected: null,
  detail: null,
  detailError: null,
  recent: null,
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
    if (id !== get().selected) set({ detailError: null });
    set({ selected: id });
  },
  async loadDetail(id) {
    const ask = ++detailAsk;
    const r = await call('orders:get', { id });
    if (ask !== detailAsk) return;
    if (r.ok) set({ detail: r.data, detailError: null });
    else set({ detailError: r.error });
  },
  async loadRecent() {
    set({ recent: null });
    const r = await call('orders:list', { limit: RECENT });
    if (r.ok) set({ recent: r.data });
  },
  apply(o) {
    const { orders, filter } = get();
    const rest = orders.filter((x) => x.id !== o.id);
    const next = matches(o, filter) ? [...rest, o].sort(newestFirst) : rest;
    set({ orders: next, version: get().version + 1 });
  },
  async place(terms, confirmed) {
    const parts: Record<string, string> = { confirm: String(confirmed) };
    for (const [k, v] of Object.entries(terms)) parts[k] = String(v);
    const idempotencyKey = placeKeys.keyFor(fingerprint(parts));
    const r = await call('orders:place', { ...terms, ...(confirmed ? { confirm: true } : {}), idempotencyKey });
    placeKeys.settle(r.ok || r.error.code !== 'NETWORK');
    if (r.ok) get().apply(r.data);
    return r;
  },
  async cancel(id) {
    let keys = cancelKeys.get(id);
    if (!keys) cancelKeys.set(id, (keys = new SubmissionKeys()));
    const r = await call('orders:cancel', { id, idempotencyKey: keys.keyFor(`cancel:${id}`) });
    keys.settle(r.ok || r.error.code !== 'NETWORK');
    if (r.ok) get().apply(r.data);
    return r;
  },
  reset() {
    placeKeys = new SubmissionKeys();
    cancelKeys = new Map();
    detailAsk += 1;
    set({ orders: [], filter: 'all', loaded: false, error: null, selected: null, detail: null, detailError: null, recent: null, version: 0 });
  },
}));

// Live: placed, aggregated, filled, cancelled — also by the aggregation timer and limit matching in main.
api.on('orders:changed', (o) => {
  const { loaded, recent } = useOrders.getState();
  if (loaded) useOrders.getState().apply(o);
  else useOrders.setState((s) => ({ version: s.version + 1 }));
  if (recent) useOrders.setState({ recent: [o, ...recent.filter((x) => x.id !== o.id)].sort(byCreated).slice(0, RECENT) });
});
