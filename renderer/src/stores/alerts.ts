import { create } from 'zustand';
import type { AlertFired, AlertKind, AlertView } from '../../../shared/contract/index.js';
import { api, call, type CallResult, type UiError } from '../api/client.js';

interface AlertStore {
  alerts: AlertView[];
  history: AlertFired[];
  /** Fired since the page was opened, newest first: the in-app banner. */
  recent: AlertFired[];
  loaded: boolean;
  error: UiError | null;
  load(): Promise<void>;
  create(terms: { symbol: string; kind: AlertKind; threshold: string }): Promise<CallResult<AlertView>>;
  remove(id: string): Promise<void>;
  dismiss(id: string): void;
  reset(): void;
}

/** One key per distinct request until it is answered, so a retry after a lost answer is a replay. */
const pending = new Map<string, string>();

/**
 * The browser host's operating-system notifications: the Notification API, whose permission is asked for only when
 * the user creates their first alert (never on load). The desktop shows Electron's own notification from main, so
 * the page does not add a second one there.
 */
const desktop = (globalThis as { bourse?: unknown }).bourse !== undefined;
function askPermission(): void {
  if (desktop || typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  void Notification.requestPermission().catch(() => undefined);
}
function notify(f: AlertFired): void {
  if (desktop || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    new Notification(`Bourse: ${f.symbol}`, { body: f.message, tag: f.id });
  } catch {
    // Some browsers only allow notifications from a service worker: the in-app banner still shows it.
  }
}

export const useAlerts = create<AlertStore>((set, get) => ({
  alerts: [],
  history: [],
  recent: [],
  loaded: false,
  error: null,
  async load() {
    const [list, history] = await Promise.all([call('alerts:list', {}), call('alerts:history', { limit: 200 })]);
    if (list.ok && history.ok) set({ alerts: list.data, history: history.data, loaded: true, error: null });
    else set({ error: !list.ok ? list.error : !history.ok ? history.error : null });
  },
  async create(terms) {
    const id = JSON.stringify(terms);
    const idempotencyKey = pending.get(id) ?? `alert-${crypto.randomUUID()}`;
    pending.set(id, idempotencyKey);
    if (get().alerts.length === 0) askPermission();
    const r = await call('alerts:create', { ...terms, idempotencyKey });
    if (r.ok || r.error.code !== 'NETWORK') pending.delete(id);
    if (r.ok) set({ alerts: [...get().alerts.filter((a) => a.id !== r.data.id), r.data] });
    return r;
  },
  async remove(id) {
    const r = await call('alerts:delete', { id });
    if (r.ok) set({ alerts: get().alerts.filter((a) => a.id !== id) });
    else set({ error: r.error });
  },
  dismiss(id) {
    set({ recent: get().recent.filter((f) => f.id !== id) });
  },
  reset() {
    set({ alerts: [], history: [], recent: [], loaded: false, error: null });
  },
}));

api.on('alerts:fired', (f) => {
  const s = useAlerts.getState();
  useAlerts.setState({
    recent: [f, ...s.recent].slice(0, 5),
    history: [f, ...s.history.filter((h) => h.id !== f.id)],
    alerts: s.alerts.map((a) => (a.id === f.alertId ? { ...a, armed: false, lastFiredAt: f.firedAt } : a)),
  });
  notify(f);
});
