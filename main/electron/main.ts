import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, Menu, session } from 'electron';
import Store from 'electron-store';
import { compose, type App } from '../compose.js';
import { makeDataDirPrivate } from '../files/private.js';
import { defaultDataDir } from '../paths.js';
import { electronDialogs } from './dialogs.js';
import { bindIpc } from './ipc.js';
import { buildMenu } from './menu.js';
import { electronSqliteBinding } from './native.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { denyAllPermissions, lockDownContents } from './security.js';
import { createMainWindow } from './window.js';
import { safeStorageSecrets } from './secrets.js';
import { workerThreadLink } from '../worker/links.js';
import { electronNotify } from './notify.js';

/**
 * The desktop entry, kept thin: everything below the window is compose(), the same core the browser host runs.
 * Layout at run time: dist/electron/main.js, dist/preload/index.cjs, dist/renderer/.
 */
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

// The same folder as `defaultDataDir()` in the browser host, whatever name Electron inferred for a dev launch. Set
// before the single-instance lock, which lives in userData: one running Bourse per data folder, so one writer per db.
const dataDir = defaultDataDir();
// Private before Electron or Chromium writes anything there (docs/design.md#security).
makeDataDirPrivate(dataDir);
app.setPath('userData', dataDir);
app.enableSandbox();
registerAppScheme();
lockDownContents();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void run();
}

async function run(): Promise<void> {
  let core: App | null = null;
  let win: BrowserWindow | null = null;
  let unbind: (() => void) | null = null;

  const showWindow = () => {
    if (!core) return;
    if (win && !win.isDestroyed()) {
      if (win.isMinimized()) win.restore();
      win.focus();
      return;
    }
    win = createMainWindow({ preload: preloadPath, devTools: !app.isPackaged, theme: core.initialTheme() });
    win.on('closed', () => (win = null));
  };

  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Closing the core flushes and closes SQLite; quit waits for it once, then proceeds.
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed || !core) return;
    event.preventDefault();
    const closing = core;
    core = null;
    unbind?.();
    closing
      .close()
      .catch((err: unknown) => console.error('Bourse: error while closing the data store', err))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  serveRenderer(rendererDir);

  const settings = new Store<Record<string, unknown>>({ cwd: dataDir, name: 'settings' });
  const nativeBinding = electronSqliteBinding(app.isPackaged, process.resourcesPath);
  core = await compose({
    dataDir,
    settings: { get: (k) => settings.get(k), set: (k, v) => settings.set(k, v), delete: (k) => settings.delete(k) },
    ...(nativeBinding ? { nativeBinding } : {}),
    secrets: safeStorageSecrets(settings),
    dialogs: electronDialogs(() => win),
    notify: electronNotify(() => win),
    startWorker: (providers) => workerThreadLink(new URL('../worker/entry.js', import.meta.url), { providers }),
  });
  const composed = core;
  unbind = bindIpc(composed, () => win);
  Menu.setApplicationMenu(
    buildMenu({
      isPackaged: app.isPackaged,
      dataDir,
      lock: () => void composed.dispatch('session:lock', {}),
    }),
  );
  showWindow();
}
