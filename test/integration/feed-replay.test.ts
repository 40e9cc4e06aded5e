import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readReplayFile, Replayer } from '../../feed/replay.js';
import { startFeedServer } from '../../feed/server.js';
import { FeedClient } from '../../main/worker/feed-client.js';
import type { LastPrice } from '../../main/worker/last-price-store.js';
import { nextEvent } from '../fixtures/feed/wait.js';

const fixture = fileURLToPath(new URL('../fixtures/feed/replay.ndjson', import.meta.url));
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('feed replay mode', () => {
  it('replays an NDJSON file in order at the given speed, skipping bad lines', async () => {
    const server = await startFeedServer({ port: 0, mode: 'replay', file: fixture, speed: 2, seedPrices: {} });
    cleanups.push(() => server.close());
    // Whether we subscribe before the first line is due is not guaranteed: the snapshot covers anything sent before
    // our subscription, live ticks the rest.
    const client = new FeedClient({ url: server.url, minUpdateIntervalMs: 0 });
    cleanups.push(() => client.close());
    const seen: LastPrice[] = [];
    client.on('update', (p) => seen.push(p));
    const ended = nextEvent(client, 'status', (s) => s.source === 'replay' && s.state === 'stale', 3000);
    // The end-of-file status can overtake the last tick (which may sit in the server's batching window).
    const lastLine = nextEvent(client, 'update', (p) => p.price === '65003.40', 3000);
    await client.start();
    await client.subscribe(['BTC-USD', 'AAPL']);
    await Promise.all([ended, lastLine]);
    expect(server.stats().malformed).toBe(2);
    const btc = seen.filter((p) => p.symbol === 'BTC-USD').map((p) => p.price);
    expect(btc.at(-1)).toBe('65003.40');
    // Whatever part we saw live is in file order.
    expect([...btc].sort()).toEqual(btc);
    expect(client.price('AAPL')).toMatchObject({ price: '190.05', simulated: true, source: 'replay' });
    expect(seen.some((p) => p.symbol === 'EUR-USD')).toBe(false);
  });

  it('keeps file timing: each line goes out at its offset ÷ speed after the start (on a fake clock)', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    try {
      const file = readReplayFile(fixture);
      for (const speed of [1, 2]) {
        const sent: Array<{ price: string; at: number; ts: number }> = [];
        let ended = false;
        const replayer = new Replayer(file, {
          speed,
          onTick: (t) => sent.push({ price: t.price, at: Date.now(), ts: t.ts }),
          onEnd: () => void (ended = true),
        });
        const start = Date.now();
        replayer.start();
        // Just before the last line is due, everything before it has gone and it has not.
        vi.advanceTimersByTime(120 / speed - 1);
        expect(sent.map((t) => t.price)).toEqual(['65000.10', '1.0850', '65001.20', '65002.30', '190.05']);
        expect(ended).toBe(false);
        vi.advanceTimersByTime(1);
        expect(sent.map((t) => t.at - start)).toEqual([0, 0, 40, 80, 100, 120].map((offset) => offset / speed));
        // Stamped with the send time.
        expect(sent.every((t) => t.ts === t.at)).toBe(true);
        expect(ended).toBe(true);
        replayer.stop();
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it('`npm run feed` entry point prints the URL it listens on', async () => {
    const cli = spawn(process.execPath, ['--import', 'tsx', 'feed/cli.ts', '--port', '0', '--mode', 'replay', '--file', fixture], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => void cli.kill('SIGTERM'));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      cli.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Bourse feed: (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      cli.once('exit', (code) => reject(new Error(`cli exited ${code}`)));
    });
    const client = new FeedClient({ url, minUpdateIntervalMs: 0 });
    cleanups.push(() => client.close());
    await client.start();
    const ack = await client.subscribe(['EUR-USD']);
    expect(ack.ok).toBe(true);
    expect(client.price('EUR-USD')?.price).toBe('1.0850');
  });
});
