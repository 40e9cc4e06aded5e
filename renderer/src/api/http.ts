import { t } from '../i18n/index.js';
import type { BourseApi, BourseEvent, Channel, EventName, EventPayload, Request, Response } from '../../../shared/contract/index.js';
import type { Result } from '../../../shared/errors.js';
import { EVENTS_PATH, INVOKE_PATH, TOKEN_PARAM, type InvokeEnvelope } from '../../../shared/transport.js';

const TOKEN_KEY = 'bourse.token';

/** Thrown when the host could not be reached or answered something that is not a `Result` (no answer from Bourse). */
export class TransportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransportError';
  }
}

/**
 * The launch token arrives once in the address bar (`?token=`). It is moved to sessionStorage (per tab, gone when the
 * tab closes) and removed from the URL so it does not linger in history, bookmarks or screenshots.
 */
export function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get(TOKEN_PARAM);
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete(TOKEN_PARAM);
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function isResult(body: unknown): body is Result<unknown> {
  return typeof body === 'object' && body !== null && typeof (body as { ok?: unknown }).ok === 'boolean';
}

/** The browser host's client: POST for calls, Server-Sent Events for events (protocol in shared/transport.ts). */
export function createHttpApi(token: string | null): BourseApi {
  type Listener = (payload: unknown) => void;
  const listeners = new Map<EventName, Set<Listener>>();
  let source: EventSource | null = null;

  function connect(): void {
    if (source || !token) return;
    source = new EventSource(`${EVENTS_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`);
    source.onmessage = (msg: MessageEvent<string>) => {
      let event: BourseEvent;
      try {
        event = JSON.parse(msg.data) as BourseEvent;
      } catch {
        return;
      }
      for (const cb of listeners.get(event.event) ?? []) cb(event.payload);
    };
  }

  return {
    async invoke<C extends Channel>(channel: C, payload: Request<C>): Promise<Result<Response<C>>> {
      const envelope: InvokeEnvelope = { channel, payload };
      let res: globalThis.Response;
      try {
        res = await fetch(INVOKE_PATH, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(envelope),
          cache: 'no-store',
        });
      } catch {
        throw new TransportError(t('errors:network'));
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        throw new TransportError(t('errors:httpNoResult', { status: res.status }));
      }
      if (!isResult(body)) throw new TransportError(t('errors:httpNoResult', { status: res.status }));
      return body as Result<Response<C>>;
    },

    on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const listener = cb as Listener;
      set.add(listener);
      connect();
      return () => {
        set.delete(listener);
      };
    },
  };
}
