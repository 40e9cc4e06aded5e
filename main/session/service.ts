import type { ProfileSummary, SessionState } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import type { EventHub } from '../events.js';
import type { ProfileRegistry } from '../profiles/service.js';
import type { SettingsService } from '../settings/service.js';
import type { Store } from '../store/data-source.js';
import type { DbKey } from '../store/db-key.js';
import { openProfileDatabase, openProfileStore, profileDatabaseFile } from '../store/profile-store.js';
import { keyForSignIn, rekeyProfile } from './rekey.js';
import type { ProfileScope, ScopeFactory } from './scope.js';

/**
 * The one signed-in profile of this app instance. Each profile has its own SQLite file, so one profile can never
 * read another's rows and a profile can be backed up alone. The session locks itself after the profile's idle time,
 * counted from the last real user input the page reported (`session:touch`), sign-in or unlock; API calls do not
 * count (docs/design.md#security).
 */
export class SessionService {
  private active: ProfileScope | null = null;
  private readonly signInHooks: ((active: ProfileScope) => void)[] = [];
  private readonly signOutHooks: (() => void)[] = [];
  private locked = false;
  private lastActivity = 0;
  private timer: NodeJS.Timeout;
  /** Serialises sign-in/sign-out so two logins cannot open two stores at once. */
  private switching: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataDir: string,
    private readonly registry: ProfileRegistry,
    private readonly settings: SettingsService,
    private readonly events: EventHub,
    private readonly scopeOf: ScopeFactory,
    private readonly nativeBinding?: string,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(() => this.checkIdle(), 5_000);
    this.timer.unref();
  }

  state(): SessionState {
    this.checkIdle();
    return {
      profile: this.active?.profile ?? null,
      locked: this.locked,
      idleLockMinutes: this.active ? this.settings.get(this.active.profile.id).idleLockMinutes : 0,
    };
  }

  /** The signed-in profile (locked or not), without counting as activity; for background planning. */
  current(): ProfileScope | null {
    return this.active;
  }

  /**
   * The unlocked profile, or the error every session channel returns. Not activity: pages poll quotes and refetch
   * on ticks with nobody at the keyboard, so only `touch` (real user input) keeps the session open.
   */
  require(): ProfileScope {
    this.checkIdle();
    if (!this.active) throw new AppError('UNAUTHENTICATED', 'Sign in to a profile first.');
    if (this.locked) throw new AppError('LOCKED', 'Bourse is locked. Enter your password to continue.');
    return this.active;
  }

  /** The user did something (a key, a click, a scroll in the page): the idle time starts again. */
  touch(): SessionState {
    this.require();
    this.lastActivity = this.now();
    return this.state();
  }

  /** A profile is signed in and not locked (checked now, so an expired idle time locks first). */
  unlocked(): boolean {
    this.checkIdle();
    return this.active !== null && !this.locked;
  }

  async create(username: string, password: string): Promise<SessionState> {
    const { profile, key } = await this.registry.create(username, password);
    return this.signIn(profile, () => Promise.resolve(key));
  }

  /** The keys `password` gives under the signed-in profile's key parameters before its password changes. */
  earlierKeys(password: string): AsyncGenerator<DbKey> {
    return this.registry.earlierKeysOf(this.require().profile.id, password);
  }

  async login(username: string, password: string): Promise<SessionState> {
    const { profile, key } = await this.registry.verifyWithKey(username, password);
    const file = profileDatabaseFile(this.dataDir, profile.id);
    return this.signIn(profile, () => keyForSignIn(this.registry, profile.id, password, file, key, this.nativeBinding));
  }

  /**
   * Changes the signed-in profile's password and re-keys its database (main/session/rekey.ts): the store closes,
   * an encrypted copy under the new key replaces the file, and the store opens again under it. Until the copy is
   * in place nothing changed: on any failure the profile reopens under its old password.
   */
  async changePassword(current: string, next: string): Promise<SessionState> {
    const was = this.require();
    await this.registry.verifyById(was.profile.id, current);
    const credentials = await this.registry.nextCredentials(next);
    return this.serial(async () => {
      const active = this.require();
      if (active.profile.id !== was.profile.id) throw new AppError('UNAUTHENTICATED', 'Sign in to a profile first.');
      const file = active.store.file;
      const oldKey = requireKey(active.store.key);
      await active.dispose();
      try {
        await rekeyProfile(this.registry, active.profile.id, file, oldKey, credentials, this.nativeBinding);
      } catch (err) {
        await this.reopen(active.profile, file, oldKey).catch((reopenErr: unknown) => {
          this.active = null;
          this.changed();
          throw reopenErr;
        });
        throw err;
      }
      await this.install(active.profile, await openProfileStore(file, credentials.key, this.nativeBinding));
      this.lastActivity = this.now();
      return this.changed();
    });
  }

  async unlock(password: string): Promise<SessionState> {
    if (!this.active) throw new AppError('UNAUTHENTICATED', 'Sign in to a profile first.');
    await this.registry.verifyById(this.active.profile.id, password);
    this.locked = false;
    this.lastActivity = this.now();
    return this.changed();
  }

  lock(): SessionState {
    if (this.active && !this.locked) {
      this.locked = true;
      return this.changed();
    }
    return this.state();
  }

  logout(): Promise<SessionState> {
    return this.serial(async () => {
      await this.closeActive();
      return this.changed();
    });
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.serial(() => this.closeActive());
  }

  private signIn(profile: ProfileSummary, keyOf: () => Promise<DbKey>): Promise<SessionState> {
    return this.serial(async () => {
      await this.closeActive();
      const store = await openProfileDatabase(this.dataDir, profile.id, await keyOf(), this.nativeBinding);
      try {
        await this.settings.load(profile.id, store);
      } catch (err) {
        await store.close();
        throw err;
      }
      this.active = this.scopeOf(profile, store);
      this.locked = false;
      this.lastActivity = this.now();
      const active = this.active;
      for (const cb of this.signInHooks) cb(active);
      return this.changed();
    });
  }

  /**
   * Replaces the signed-in profile's database file (restore from a backup): closes its store, lets `swap.replace`
   * move files, opens the file again (running migrations, so an older backup is brought up to date), and on failure
   * lets `swap.rollback` put the previous file back and reopens that. Serialised with sign-in and sign-out; the
   * profile stays signed in throughout and everyone hears `session:changed` (and the sign-in hooks) afterwards.
   */
  swapStore(swap: { replace(file: string): Promise<void>; rollback(file: string): Promise<void>; commit(file: string): Promise<void> }): Promise<ProfileScope> {
    return this.serial(async () => {
      const was = this.require();
      const file = was.store.file;
      const key = requireKey(was.store.key);
      await was.dispose();
      let store: Store;
      try {
        await swap.replace(file);
        store = await openProfileStore(file, key, this.nativeBinding);
      } catch (err) {
        await swap.rollback(file);
        await this.reopen(was.profile, file, key).catch(async (reopenErr: unknown) => {
          // Even the previous file cannot be opened: sign out rather than keep services bound to a closed store.
          this.active = null;
          this.changed();
          throw reopenErr;
        });
        throw err;
      }
      await swap.commit(file);
      return this.install(was.profile, store);
    });
  }

  private async reopen(profile: ProfileSummary, file: string, key: DbKey): Promise<ProfileScope> {
    return this.install(profile, await openProfileStore(file, key, this.nativeBinding));
  }

  private async install(profile: ProfileSummary, store: Store): Promise<ProfileScope> {
    // A restored backup brings its own settings.
    await this.settings.load(profile.id, store);
    this.active = this.scopeOf(profile, store);
    const active = this.active;
    for (const cb of this.signInHooks) cb(active);
    this.changed();
    return active;
  }

  /** Called after every sign-in with the new active profile (market data planning hooks in here). */
  onSignIn(cb: (active: ProfileScope) => void): void {
    this.signInHooks.push(cb);
  }

  /** Called after the signed-in profile closed (sign-out, another sign-in, shutdown). */
  onSignOut(cb: () => void): void {
    this.signOutHooks.push(cb);
  }

  private async closeActive(): Promise<void> {
    const was = this.active;
    this.active = null;
    this.locked = false;
    if (was) {
      this.settings.unload(was.profile.id);
      for (const cb of this.signOutHooks) cb();
      await was.dispose();
    }
  }

  private checkIdle(): void {
    if (!this.active || this.locked) return;
    const minutes = this.settings.get(this.active.profile.id).idleLockMinutes;
    if (minutes > 0 && this.now() - this.lastActivity >= minutes * 60_000) {
      this.locked = true;
      this.changed();
    }
  }

  private changed(): SessionState {
    const s = this.state();
    this.events.emit('session:changed', s);
    return s;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.switching.then(fn, fn);
    this.switching = run.catch(() => undefined);
    return run;
  }
}

function requireKey(key: DbKey | undefined): DbKey {
  if (!key) throw new Error('A profile store is always opened with its key.');
  return key;
}
