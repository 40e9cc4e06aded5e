import { t } from '../i18n/index.js';
import type { BourseApi, Channel, Request, Response } from '../../../shared/contract/index.js';
import type { ErrorCode, ErrorInfo } from '../../../shared/errors.js';
import { createHttpApi, takeToken, TransportError } from './http.js';

/** The error the UI deals with: a contract error, or NETWORK when no answer came back (the call may or may not have run). */
export interface UiError extends Omit<ErrorInfo, 'code'> {
  code: ErrorCode | 'NETWORK';
}
export type CallResult<T> = { ok: true; data: T } | { ok: false; error: UiError };

/** Electron's preload puts `window.bourse` in place; in a plain browser we talk to the browser host over HTTP. */
function pick(): BourseApi {
  const bridged = (globalThis as { bourse?: BourseApi }).bourse;
  return bridged ?? createHttpApi(takeToken());
}

export const api: BourseApi = pick();

type AuthListener = (code: 'UNAUTHENTICATED' | 'LOCKED') => void;
const authListeners = new Set<AuthListener>();

/** Called when any call finds the session gone or locked, so the shell can show sign-in or the lock screen. */
export function onAuthError(cb: AuthListener): () => void {
  authListeners.add(cb);
  return () => authListeners.delete(cb);
}

/** Every renderer call goes through here: errors become values, never exceptions. */
export async function call<C extends Channel>(channel: C, payload: Request<C>): Promise<CallResult<Response<C>>> {
  try {
    const result = await api.invoke(channel, payload);
    if (!result.ok && (result.error.code === 'UNAUTHENTICATED' || result.error.code === 'LOCKED')) {
      for (const cb of authListeners) cb(result.error.code);
    }
    return result;
  } catch (err) {
    const message =
      err instanceof TransportError ? err.message : t('errors:network');
    return { ok: false, error: { code: 'NETWORK', message: `${message} Check that it is still running, then try again.` } };
  }
}
