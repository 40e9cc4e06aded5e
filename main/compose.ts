import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDispatch, type Dispatch, type Logger } from './dispatch.js';
import { EventHub } from './events.js';
import { bindHandlers } from './handlers.js';
import { ProfileRegistry } from './services/profiles.js';
import { SessionService } from './services/session.js';
import { SettingsService } from './services/settings.js';
import type { KeyValueStore } from './settings/key-value.js';
import { openAppStore } from './store/profile-store.js';

export interface ComposeOptions {
  /** Folder holding app.db, settings.json and profiles/<id>/bourse.db. */
  dataDir: string;
  /** conf (browser host, tests) or electron-store (desktop). */
  settings: KeyValueStore;
  /** better_sqlite3.node built for Electron's ABI, when running inside Electron. */
  nativeBinding?: string;
  /** scrypt cost parameter N; tests may lower it, the app never does. */
  scryptCost?: number;
  logger?: Logger;
  /** Clock for the idle lock and login backoff; tests pass a fake one. Defaults to Date.now. */
  now?: () => number;
}

export interface App {
  dispatch: Dispatch;
  events: EventHub;
  dataDir: string;
  /** The theme to show before anyone signs in (the last one chosen). */
  initialTheme(): string;
  close(): Promise<void>;
}

/**
 * The composition root: builds the whole app from plain Node parts. It imports nothing from `electron`, so the
 * desktop entry, the browser host and the tests all run exactly this.
 */
export async function compose(opts: ComposeOptions): Promise<App> {
  mkdirSync(opts.dataDir, { recursive: true });
  const logger: Logger = opts.logger ?? { error: (m, e) => console.error(m, e) };
  const events = new EventHub();
  const appStore = await openAppStore(join(opts.dataDir, 'app.db'), opts.nativeBinding);
  const now = opts.now ?? Date.now;
  const registry = new ProfileRegistry(appStore, now, opts.scryptCost);
  const settings = new SettingsService(opts.settings);
  const session = new SessionService(opts.dataDir, registry, settings, events, opts.nativeBinding, now);
  const dispatch = createDispatch(bindHandlers({ registry, session, settings }), session, logger);
  return {
    dispatch,
    events,
    dataDir: opts.dataDir,
    initialTheme: () => String(opts.settings.get('lastTheme') ?? 'system'),
    async close() {
      await session.close();
      await appStore.close();
    },
  };
}
