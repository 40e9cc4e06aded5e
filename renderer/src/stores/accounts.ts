import { create } from 'zustand';
import type { Account, AccountBalances, Request, Response } from '../../../shared/contract/index.js';
import { api, call, type CallResult, type UiError } from '../api/client.js';
import { fingerprint, SubmissionKeys } from '../api/submission.js';

interface AccountStore {
  accounts: Account[];
  balances: AccountBalances[];
  loaded: boolean;
  error: UiError | null;
  /**
   * The accounts the Portfolio, History and Wallets pages show: empty for all of them. One choice for the three
   * pages, so moving between them keeps what was picked.
   */
  shown: string[];
  load(): Promise<void>;
  show(ids: string[]): void;
  create(req: Request<'account:create'>): Promise<CallResult<Account>>;
  update(req: Request<'account:update'>): Promise<CallResult<Account>>;
  archive(id: string): Promise<CallResult<Account>>;
  /** A transfer of cash or units; a retry of the same transfer after no answer reuses its idempotency key. */
  transfer(req: Omit<Request<'account:transfer'>, 'idempotencyKey'>): Promise<CallResult<Response<'account:transfer'>>>;
  reset(): void;
}

let transferKeys = new SubmissionKeys();

export const useAccounts = create<AccountStore>((set, get) => ({
  accounts: [],
  balances: [],
  loaded: false,
  error: null,
  shown: [],
  async load() {
    const [list, balances] = await Promise.all([call('account:list', { includeArchived: true }), call('account:balances', {})]);
    if (!list.ok) return set({ error: list.error });
    if (!balances.ok) return set({ error: balances.error });
    const known = new Set(list.data.filter((a) => !a.archived).map((a) => a.id));
    set({ accounts: list.data, balances: balances.data, loaded: true, error: null, shown: get().shown.filter((id) => known.has(id)) });
  },
  show(ids) {
    set({ shown: [...new Set(ids)] });
  },
  async create(req) {
    const r = await call('account:create', req);
    if (r.ok) void get().load();
    return r;
  },
  async update(req) {
    const r = await call('account:update', req);
    if (r.ok) void get().load();
    return r;
  },
  async archive(id) {
    const r = await call('account:archive', { id });
    if (r.ok) void get().load();
    return r;
  },
  async transfer(req) {
    const parts = Object.fromEntries(Object.entries(req).map(([k, v]) => [k, String(v)]));
    const idempotencyKey = transferKeys.keyFor(fingerprint(parts));
    const r = await call('account:transfer', { ...req, idempotencyKey });
    transferKeys.settle(r.ok || r.error.code !== 'NETWORK');
    if (r.ok) void get().load();
    return r;
  },
  reset() {
    transferKeys = new SubmissionKeys();
    set({ accounts: [], balances: [], loaded: false, error: null, shown: [] });
  },
}));

/** The accounts a request names for the current choice: undefined for all (so the request stays as it was). */
export function shownAccountIds(shown: readonly string[]): string[] | undefined {
  return shown.length ? [...shown] : undefined;
}

const refresh = () => {
  if (useAccounts.getState().loaded) void useAccounts.getState().load();
};
api.on('wallet:changed', refresh);
api.on('portfolio:changed', refresh);
