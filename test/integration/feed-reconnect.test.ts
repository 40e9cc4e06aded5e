import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../feed/server.js';
import { FeedClient } from '../../main/worker/feed-client.js';
import { JsonFileLastPriceStore } from '../../main/worker/json-last-price-store.js';
import { nextEvent } from '../fixtures/feed/wait.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function server(port = 0): Promise<FeedServer> {
  const s = await startFeedServer({ port, mode: 'simulate', seedPrices: {} });
  cleanups.push(() => s.close());
  return s;
}

function client(url: string, extra: Partial<ConstructorParameters<typeof FeedClient>[0]> = {}): FeedClient {
  const c = new FeedClient({ url, minUpdateIntervalMs: 0, reconnectDelayMs: 50, reconnectDelayMaxMs: 200, ...extra });
  cleanups.push(() => c.close());
  return c;
}

const tick = (price: string) => ({ symbol: 'BTC-USD', price, currency: 'USD', ts: Date.now(), source: 'test' });

describe('feed client reconnects', () => {
  it('reconnects and resubscribes after the server restarts on the same port', async () => {
    const first = await server();
    const c = client(first.url);
    await c.start();
    await c.subscribe(['BTC-USD', 'ETH-USD']);
    const got = nextEvent(c, 'update', (p) => p.price === '100.00');
    first.publish(tick('100.00'));
    await got;

    const down = nextEvent(c, 'connection', (state) => state === 'disconnected');
    const markedStale = nextEvent(c, 'stale', (s) => s === 'BTC-USD');
    await first.close();
    await Promise.all([down, markedStale]);

    const resubscribed = nextEvent(c, 'subscribed', (symbols) => symbols.includes('BTC-USD') && symbols.includes('ETH-USD'));
    const second = await server(first.port);
    await resubscribed;
    // The restarted server's seqs start above the old ones (time-based), and the client restarts its seq baseline
    // per connection anyway: the first tick after the restart must get through.
    const again = nextEvent(c, 'update', (p) => p.price === '101.00');
    const live = nextEvent(c, 'live', (s) => s === 'BTC-USD');
    second.publish(tick('101.00'));
    await Promise.all([again, live]);
    expect(c.stats().connects).toBe(2);
    expect(second.stats().clients).toBe(1);
  });

  it('reconnects by itself after a server-side disconnect(true)', async () => {
    const s = await server();
    const c = client(s.url);
    await c.start();
    await c.subscribe(['BTC-USD']);
    const kicked = nextEvent(c, 'connection', (state, reason) => state === 'disconnected' && reason === 'io server disconnect');
    const resubscribed = nextEvent(c, 'subscribed', (symbols) => symbols.includes('BTC-USD'));
    for (const socket of s.io.sockets.sockets.values()) socket.disconnect(true);
    await kicked;
    await resubscribed;
    const got = nextEvent(c, 'update', (p) => p.price === '7.00');
    s.publish(tick('7.00'));
    await got;
    expect(c.connected).toBe(true);
    expect(c.stats().connects).toBe(2);
  });

  it('asks again when a node leaves its subscription unanswered, rather than stay connected without it', async () => {
    const s = await server();
    // The node drops the first subscribe it gets (as a node swamped by a dead node's clients answers too late).
    let asked = 0;
    s.io.on('connection', (socket) =>
      socket.use(([event], next) => {
        if (event === 'subscribe' && asked++ === 0) return;
        next();
      }),
    );
    const c = client(s.url, { symbols: ['BTC-USD'], ackTimeoutMs: 300 });
    const subscribed = nextEvent(c, 'subscribed', (symbols) => symbols.includes('BTC-USD'), 10_000);
    await c.start();
    await subscribed;
    const got = nextEvent(c, 'update', (p) => p.price === '8.00');
    s.publish(tick('8.00'));
    await got;
    expect(asked).toBe(2);
    expect(c.stats().connects).toBe(1);
  });

  it('persists last prices and shows them (stale, with their receive time) before connecting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bourse-feed-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'last-prices.json');
    const s = await server();
    const c = client(s.url, { store: new JsonFileLastPriceStore(file), persistEveryMs: 50 });
    await c.start();
    await c.subscribe(['BTC-USD']);
    const got = nextEvent(c, 'update', (p) => p.price === '123.45');
    s.publish(tick('123.45'));
    const [kept] = await got;
    await c.close();

    // A later session, offline (nothing listens at this URL): the stored price is there, marked stale.
    const offline = client('http://127.0.0.1:9', { store: new JsonFileLastPriceStore(file) });
    await offline.start();
    expect(offline.price('BTC-USD')).toMatchObject({ price: '123.45', stale: true, receivedAt: kept.receivedAt });
  });
});
