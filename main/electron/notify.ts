import { Notification, type BrowserWindow } from 'electron';
import type { AlertFired } from '../../shared/contract/index.js';

/**
 * The desktop's notification of a fired price alert: the operating system's own (Electron's Notification, from main,
 * so it shows while the window is hidden or the app locked). Clicking it brings the window forward. Nothing is shown
 * where the system has no notification service.
 */
export function electronNotify(currentWindow: () => BrowserWindow | null): (fired: AlertFired) => void {
  return (fired) => {
    if (!Notification.isSupported()) return;
    const n = new Notification({ title: `Bourse: ${fired.symbol}`, body: fired.message, silent: false });
    n.on('click', () => {
      const win = currentWindow();
      if (!win || win.isDestroyed()) return;
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    });
    n.show();
  };
}
