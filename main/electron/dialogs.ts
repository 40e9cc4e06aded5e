import { dialog, type BrowserWindow } from 'electron';
import type { FileDialogs } from '../files/transfers.js';

/**
 * The desktop's save and open dialogs for exports, imports and restores. They run in main, so a path only ever
 * comes from the user's own choice in a native dialog, never from the renderer (docs/design.md#security).
 */
export function electronDialogs(currentWindow: () => BrowserWindow | null): FileDialogs {
  return {
    async save({ title, defaultName, filters }) {
      const win = currentWindow();
      const opts = { title, defaultPath: defaultName, filters, properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[] };
      const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async open({ title, filters }) {
      const win = currentWindow();
      const opts = { title, filters, properties: ['openFile'] as 'openFile'[] };
      const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0]!;
    },
  };
}
