import { create } from 'zustand';
import type { SessionState } from '../../../shared/contract/index.js';
import { api, call, onAuthError } from '../api/client.js';

export type Phase = 'booting' | 'unreachable' | 'signed-out' | 'locked' | 'active';

interface SessionStore {
  phase: Phase;
  session: SessionState | null;
  bootError: string | null;
  boot(): Promise<void>;
  apply(s: SessionState): void;
}

function phaseOf(s: SessionState): Phase {
  if (!s.profile) return 'signed-out';
  return s.locked ? 'locked' : 'active';
}

export const useSession = create<SessionStore>((set) => ({
  phase: 'booting',
  session: null,
  bootError: null,
  async boot() {
    const r = await call('session:get', {});
    if (r.ok) set({ phase: phaseOf(r.data), session: r.data, bootError: null });
    else set({ phase: 'unreachable', bootError: r.error.message });
  },
  apply(s) {
    set({ phase: phaseOf(s), session: s });
  },
}));

// Main locks the session on idle (and other windows may sign out): follow it.
api.on('session:changed', (s) => useSession.getState().apply(s));

// A call that finds the session gone or locked moves the UI there without another round trip (no loop on errors).
onAuthError((code) => {
  const { session } = useSession.getState();
  if (code === 'LOCKED' && session?.profile) useSession.setState({ phase: 'locked', session: { ...session, locked: true } });
  if (code === 'UNAUTHENTICATED') useSession.setState({ phase: 'signed-out', session: null });
});
