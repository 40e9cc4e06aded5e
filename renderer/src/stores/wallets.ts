import { create } from 'zustand';
import type { Response, Wallet } from '../../../shared/contract/index.js';
import { api, call, type CallResult, type UiError } from '../api/client.js';
import { fingerprint, SubmissionKeys } from '../api/submission.js';

export type MoveKind = 'deposit' | 'withdraw';
export interface Move {
  currency: string;
  /** A plain decimal string already checked against the currency's minor unit. */
  amount: string;
  note: string;
  /** The account (the default one when absent). */
  accountId?: string | undefined;
}

interface WalletStore {
  wallets: Wallet[];
  loaded: boolean;
  error: UiError | null;
  load(): Promise<void>;
  /** Puts a freshly opened wallet in the list without a reload. */
  upsert(w: Wallet): void;
  open(currency: string): Promise<CallResult<Wallet>>;
  /** A deposit or withdrawal; a retry of the same move after no answer reuses its idempotency key. */
  move(kind: MoveKind, m: Move): Promise<CallResult<Response<'wallet:deposit'>>>;
  reset(): void;
}

const LATEST = 5;
let moveKeys = new SubmissionKeys();

export const useWallets = create<WalletStore>((set, get) => ({
  wallets: [],
  loaded: false,
  error: null,
  async load() {
    const r = await call('wallet:list', { latest: LATEST });
    if (r.ok) set({ wallets: r.data, loaded: true, error: null });
    else set({ error: r.error });
  },
  upsert(w) {
    const rest = get().wallets.filter((x) => x.currency !== w.currency);
    set({ wallets: [...rest, w].sort((a, b) => a.currency.localeCompare(b.currency)) });
  },
  async open(currency) {
    const r = await call('wallet:open', { currency });
    if (r.ok) get().upsert(r.data);
    return r;
  },
  async move(kind, { currency, amount, note, accountId }) {
    const idempotencyKey = moveKeys.keyFor(fingerprint({ kind, currency, amount, note, account: accountId ?? '' }));
    const payload = { currency, amount, idempotencyKey, ...(note ? { note } : {}), ...(accountId ? { accountId } : {}) };
    const r = await call(kind === 'deposit' ? 'wallet:deposit' : 'wallet:withdraw', payload);
    moveKeys.settle(r.ok || r.error.code !== 'NETWORK');
    if (r.ok) void get().load();
    return r;
  },
  reset() {
    moveKeys = new SubmissionKeys();
    set({ wallets: [], loaded: false, error: null });
  },
}));

// Money moved elsewhere (another window, a later trading screen): refresh what is shown. A fill or a recorded
// activity moves cash too but announces itself as a portfolio change.
const refresh = () => {
  if (useWallets.getState().loaded) void useWallets.getState().load();
};
api.on('wallet:changed', refresh);
api.on('portfolio:changed', refresh);
