import { BrowserWindow } from 'electron';
import { APP_ENTRY } from './protocol.js';

export interface WindowOptions {
  preload: string;
  devTools: boolean;
  theme: string;
}

/** The one app window: sandboxed, context-isolated, no Node, DevTools only in development. */
export function createMainWindow(opts: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 520,
    title: 'Bourse',
    show: false,
    // Matches the theme last chosen so the first paint does not flash white in dark mode.
    backgroundColor: opts.theme === 'dark' ? '#121417' : '#ffffff',
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: opts.devTools,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY);
  return win;
}
