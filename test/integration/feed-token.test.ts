import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { feedUrlWithToken, parseFeedUrls, redactFeedUrls } from '../../feed/feed-url.js';
import { startFeedServer, type FeedServer } from '../../feed/server.js';
import type { FromWorker } from '../../main/worker/messages.js';
import { FeedClient } from '../../main/worker/feed-client.js';
import { FeedHost } from '../../main/worker/feed-host.js';
import { nextEvent, sleep } from '../fixtures/feed/wait.js';

/** The feed token: a server started with one serves only clients presenting it in the handshake, and only through
 *  Host and Origin headers it answers to (the browser host's rules). */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const TOKEN = 'feed-token-0123456789';

async function server(extra: Partial<Parameters<typeof startFeedServer>[0]> = {}): Promise<FeedServer> {
  const s = await startFeedServer({ port: 0, mode: 'simulate', seedPrices: {}, token: TOKEN, ...extra });
  cleanups.push(() => s.close());
  return s;
}

/** Resolves with 'connected' or the refusal's message. */
function handshake(url: string, opts: { token?: string; headers?: Record<string, string> } = {}): Promise<string> {
  const socket: Socket = connect(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    ...(opts.token !== undefined ? { auth: { token: opts.token } } : {}),
    ...(opts.headers ? { extraHeaders: opts.headers } : {}),
  });
  cleanups.push(() => void socket.disconnect());
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (err) => resolve(err.message));
  });
}

const tick = (price: string) => ({ symbol: 'BTC-USD', price, currency: 'USD', ts: Date.now(), source: 'test' });

describe('feed token', () => {
  it('refuses a client without the token or with another one, serves the one that has it', async () => {
    const s = await server();
    expect(await handshake(s.url)).toBe('unauthorized');
    expect(await handshake(s.url, { token: 'guess' })).toBe('unauthorized');
    expect(await handshake(s.url, { token: TOKEN })).toBe('connected');
    expect(s.stats().clients).toBe(1);
  });

  it('the app client refused for want of the token gets nothing and says why', async () => {
    const s = await server();
    const c = new FeedClient({ url: s.url, minUpdateIntervalMs: 0 });
    cleanups.push(() => c.close());
    const refused = nextEvent(c, 'error', (err) => /refused the token/.test(err.message));
    const updates: string[] = [];
    c.on('update', (p) => updates.push(p.price));
    await c.start();
    await refused;
    s.publish(tick('1.00'));
    await sleep(100);
    expect(c.connected).toBe(false);
    expect(updates).toEqual([]);
  });

  it('the token rides in the URL fragment (#token=…) and the app client sends it in the handshake', async () => {
    const s = await server();
    const c = new FeedClient({ url: feedUrlWithToken(s.url, TOKEN), minUpdateIntervalMs: 0 });
    cleanups.push(() => c.close());
    await c.start();
    await c.subscribe(['BTC-USD']);
    const got = nextEvent(c, 'update', (p) => p.price === '2.00');
    s.publish(tick('2.00'));
    await got;
    expect(c.url).toBe(s.url);
  });

  it('refuses foreign Host and Origin headers even with the token', async () => {
    const s = await server();
    expect(await handshake(s.url, { token: TOKEN, headers: { Origin: 'http://evil.example' } })).not.toBe('connected');
    expect(await handshake(s.url, { token: TOKEN, headers: { Host: `evil.example:${s.port}` } })).not.toBe('connected');
    expect(await handshake(s.url, { token: TOKEN, headers: { Origin: `http://localhost:${s.port}` } })).toBe('connected');
    expect(await handshake(s.url, { token: TOKEN, headers: { Host: `localhost:${s.port}` } })).toBe('connected');
    expect(s.stats().clients).toBe(2);
  });

  it('answers the names it is told to (a cluster behind a public name)', async () => {
    const s = await server({ allowedHosts: ['feed.example'] });
    expect(await handshake(s.url, { token: TOKEN, headers: { Host: 'feed.example', Origin: 'https://feed.example' } })).toBe('connected');
    expect(await handshake(s.url, { token: TOKEN, headers: { Host: 'other.example' } })).not.toBe('connected');
  });

  it('a server without a token stays open, as before tokens', async () => {
    const s = await startFeedServer({ port: 0, mode: 'simulate', seedPrices: {} });
    cleanups.push(() => s.close());
    expect(await handshake(s.url)).toBe('connected');
    // Alone, /healthz has no Redis to ask and /metrics counts this node's clients.
    const health = await fetch(`${s.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, redis: 'none', clients: 1, upstreams: [{ source: 'simulate', state: 'live' }] });
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    expect(metrics).toMatch(/^bourse_feed_clients 1$/m);
    expect(metrics).toMatch(/^bourse_feed_upstream_state\{source="simulate",state="live"\} 1$/m);
    expect(metrics).not.toMatch(/^bourse_feed_redis_up /m);
    expect((await fetch(`${s.url}/elsewhere`)).status).toBe(404);
  });

  it('the embedded feed takes a token of its own launch: its worker follows it, nobody else does', async () => {
    const posted: FromWorker[] = [];
    const host = new FeedHost((m) => posted.push(m));
    cleanups.push(() => host.close());
    await host.handle({ type: 'feed:start', url: null, symbols: ['BTC-USD'], last: [] });
    const state = () => posted.flatMap((m) => (m.type === 'feed:state' ? [m.state] : [])).at(-1);
    const end = Date.now() + 5000;
    while (!state()?.connected && Date.now() < end) await sleep(20);
    expect(state()).toMatchObject({ embedded: true, connected: true });
    const url = state()?.url as string;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await handshake(url)).toBe('unauthorized');
  });

  it('parses address lists: a token per entry or shared from the first that has one; shown without it', () => {
    const spec = 'http://a.example:4000#token=s3cret, http://b.example:4000 ,http://c.example:4000#token=other';
    expect(parseFeedUrls(spec)).toEqual([
      { url: 'http://a.example:4000', token: 's3cret' },
      { url: 'http://b.example:4000', token: 's3cret' },
      { url: 'http://c.example:4000', token: 'other' },
    ]);
    expect(redactFeedUrls(spec)).toBe('http://a.example:4000,http://b.example:4000,http://c.example:4000');
    expect(parseFeedUrls(feedUrlWithToken('http://h:1', 'a+b/c='))).toEqual([{ url: 'http://h:1', token: 'a+b/c=' }]);
    expect(parseFeedUrls('http://h:1')).toEqual([{ url: 'http://h:1', token: null }]);
  });
});
