import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpApi, takeToken, TransportError } from '../../renderer/src/api/http.js';
import { INVOKE_PATH } from '../../shared/transport.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

function fakeFetch(respond: () => Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return respond();
  });
  return calls;
}

describe('renderer HTTP client', () => {
  it('posts the envelope with the bearer token and returns the Result as is', async () => {
    const calls = fakeFetch(async () => Response.json({ ok: true, data: [] }));
    const api = createHttpApi('tok-123');
    await expect(api.invoke('profile:list', {})).resolves.toEqual({ ok: true, data: [] });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(INVOKE_PATH);
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.init.headers).toMatchObject({ Authorization: 'Bearer tok-123', 'Content-Type': 'application/json' });
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ channel: 'profile:list', payload: {} });
  });

  it('passes refusals (401 with a Result body) through as data', async () => {
    const refusal = { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Missing or wrong token.' } };
    fakeFetch(async () => Response.json(refusal, { status: 401 }));
    await expect(createHttpApi(null).invoke('session:get', {})).resolves.toEqual(refusal);
  });

  it('throws TransportError when there is no answer or no Result', async () => {
    fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(createHttpApi('t').invoke('session:get', {})).rejects.toBeInstanceOf(TransportError);
    fakeFetch(async () => new Response('<html>proxy error</html>', { status: 502 }));
    await expect(createHttpApi('t').invoke('session:get', {})).rejects.toBeInstanceOf(TransportError);
    fakeFetch(async () => Response.json({ hello: 'world' }));
    await expect(createHttpApi('t').invoke('session:get', {})).rejects.toBeInstanceOf(TransportError);
  });
});

describe('renderer launch token', () => {
  function fakeBrowser(href: string) {
    const store = new Map<string, string>();
    const replaced: string[] = [];
    vi.stubGlobal('sessionStorage', {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    });
    vi.stubGlobal('window', {
      location: { href },
      history: { state: null, replaceState: (_s: unknown, _t: string, url: string) => void replaced.push(url) },
    });
    return { store, replaced };
  }

  it('moves the token from the address bar to sessionStorage', () => {
    const { store, replaced } = fakeBrowser('http://127.0.0.1:5000/?token=abc&x=1#top');
    expect(takeToken()).toBe('abc');
    expect([...store.values()]).toEqual(['abc']);
    expect(replaced).toEqual(['/?x=1#top']);
  });

  it('reads the kept token after a reload', () => {
    const { store, replaced } = fakeBrowser('http://127.0.0.1:5000/');
    store.set('bourse.token', 'kept');
    expect(takeToken()).toBe('kept');
    expect(replaced).toEqual([]);
  });
});
