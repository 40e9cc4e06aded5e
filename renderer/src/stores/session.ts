import { create } from 'zustand';
import type { ProfileSummary, SessionState } from '../../../shared/contract/index.js';
import { api, call, onAuthError, type CallResult } from '../api/client.js';

export type Phase = 'booting' | 'unreachable' | 'signed-out' | 'locked' | 'active';

interface SessionStore {
  phase: Phase;
  session: SessionState | null;
  bootError: string | null;
  /** The profiles on this computer for the sign-in screen; null while they are on their way. */
  profiles: ProfileSummary[] | null;
  boot(): Promise<void>;
  apply(s: SessionState): void;
  /** Reads the profile list afresh (the sign-in screen shows "Loading" meanwhile); a failure reads as no profiles. */
  loadProfiles(): Promise<ProfileSummary[]>;
  login(username: string, password: string): Promise<CallResult<SessionState>>;
  create(username: string, password: string): Promise<CallResult<SessionState>>;
  unlock(password: string): Promise<CallResult<SessionState>>;
  /** Re-encrypts the profile's database under the new password (Settings → Password). */
  changePassword(current: string, next: string): Promise<CallResult<SessionState>>;
  lock(): Promise<CallResult<SessionState>>;
  logout(): Promise<CallResult<SessionState>>;
  /** Tells main the user is active, so its idle timer does not lock a session that is being read. */
  touch(): Promise<CallResult<SessionState>>;
}

function phaseOf(s: SessionState): Phase {
  if (!s.profile) return 'signed-out';
  return s.locked ? 'locked' : 'active';
}

export const useSession = create<SessionStore>((set, get) => {
  /** Every call that answers with a session state moves the UI to it when it succeeds. */
  async function follow(pending: Promise<CallResult<SessionState>>): Promise<CallResult<SessionState>> {
    const r = await pending;
    if (r.ok) get().apply(r.data);
    return r;
  }

  return {
    phase: 'booting',
    session: null,
    bootError: null,
    profiles: null,
    async boot() {
      const r = await call('session:get', {});
      if (r.ok) set({ phase: phaseOf(r.data), session: r.data, bootError: null });
      else set({ phase: 'unreachable', bootError: r.error.message });
    },
    apply(s) {
      set({ phase: phaseOf(s), session: s });
    },
    async loadProfiles() {
      set({ profiles: null });
      const r = await call('profile:list', {});
      const list = r.ok ? r.data : [];
      set({ profiles: list });
      return list;
    },
    login: (username, password) => follow(call('profile:login', { username, password })),
    create: (username, password) => follow(call('profile:create', { username, password })),
    unlock: (password) => follow(call('session:unlock', { password })),
    changePassword: (current, next) => follow(call('profile:change-password', { current, next })),
    lock: () => follow(call('session:lock', {})),
    logout: () => follow(call('profile:logout', {})),
    touch: () => follow(call('session:touch', {})),
  };
});

// Main locks the session on idle (and other windows may sign out): follow it.
api.on('session:changed', (s) => useSession.getState().apply(s));

// A call that finds the session gone or locked moves the UI there without another round trip (no loop on errors).
onAuthError((code) => {
  const { session } = useSession.getState();
  if (code === 'LOCKED' && session?.profile) useSession.setState({ phase: 'locked', session: { ...session, locked: true } });
  if (code === 'UNAUTHENTICATED') useSession.setState({ phase: 'signed-out', session: null });
});
