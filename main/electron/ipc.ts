import { ipcMain, type BrowserWindow, type WebFrameMain } from 'electron';
import type { Result } from '../../shared/errors.js';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/transport.js';
import type { App } from '../compose.js';
import { isOwnPage } from './protocol.js';

/** Only the top frame of our own app:// page may call in; an iframe or a page that got navigated elsewhere may not. */
function isTrustedSender(frame: WebFrameMain | null): boolean {
  return frame !== null && frame.parent === null && isOwnPage(frame.url);
}

const refused: Result<never> = {
  ok: false,
  error: { code: 'UNAUTHENTICATED', message: 'This call did not come from the Bourse window.' },
};

/**
 * The IPC transport: the same `dispatch` as the browser host, with the envelope from shared/transport.ts.
 * Returns a function that unbinds it.
 */
export function bindIpc(core: App, currentWindow: () => BrowserWindow | null): () => void {
  ipcMain.handle(IPC_INVOKE, async (event, envelope: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event.senderFrame)) return refused;
    if (typeof envelope !== 'object' || envelope === null) {
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'Expected {channel, payload}.' } };
    }
    const { channel, payload } = envelope as { channel?: unknown; payload?: unknown };
    return core.dispatch(channel, payload);
  });

  const unsubscribe = core.events.subscribePage((event) => {
    const win = currentWindow();
    if (!win || win.isDestroyed()) return;
    const contents = win.webContents;
    // Events carry balances: never hand them to whatever page the window might show if not ours.
    if (!contents.isDestroyed() && isOwnPage(contents.getURL())) contents.send(IPC_EVENT, event);
  });

  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    unsubscribe();
  };
}
