import type { ProfileSummary, SessionState } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import type { EventHub } from '../events.js';
import type { ProfileRegistry } from '../profiles/service.js';
import type { SettingsService } from '../settings/service.js';
import type { Store } from '../store/data-source.js';
import { openProfileDatabase, openProfileStore } from '../store/profile-store.js';
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
    const profile = await this.registry.create(username, password);
    return this.signIn(profile);
  }

  async login(username: string, password: string): Promise<SessionState> {
    const profile = await this.registry.verify(username, password);
    return this.signIn(profile);
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

  private signIn(profile: ProfileSummary): Promise<SessionState> {
    return this.serial(async () => {
      await this.closeActive();
      const store = await openProfileDatabase(this.dataDir, profile.id, this.nativeBinding);
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
      await was.dispose();
      let store: Store;
      try {
        await swap.replace(file);
        store = await openProfileStore(file, this.nativeBinding);
      } catch (err) {
        await swap.rollback(file);
        await this.reopen(was.profile, file).catch(async (reopenErr: unknown) => {
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

  private async reopen(profile: ProfileSummary, file: string): Promise<ProfileScope> {
    return this.install(profile, await openProfileStore(file, this.nativeBinding));
  }

  private install(profile: ProfileSummary, store: Store): ProfileScope {
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

  private async closeActive(): Promise<void> {
    const was = this.active;
    this.active = null;
    this.locked = false;
    if (was) await was.dispose();
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
