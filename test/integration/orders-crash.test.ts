import { Database } from '../support/db-key.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startFeedServer } from '../../feed/server.js';
import { profileDbFile } from '../support/ledger.js';
import { tradingProblems } from '../support/ledger-trading.js';
import { offlineProviderEnv } from '../support/offline-providers.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHILD = join(root, 'test/support/orders-crash-child.ts');
const ROUNDS = Number(process.env.ORDERS_CRASH_ROUNDS ?? 14);
interface Ack {
  id: string;
  state: string;
  total: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * SIGKILL during a stream of orders and aggregations, many times: after every kill, every acknowledged order is in
 * the database in a state it could have reached from the acknowledged one, filled ones keep their figures, the
 * aggregation books are intact, reservations equal what open orders hold, and every balance equals its ledger.
 */
describe('crash safety: SIGKILL during a stream of orders', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bourse-orders-crash-'));
  const live = new Set<ChildProcess>();
  afterAll(() => {
    for (const c of live) c.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged order consistent across ${ROUNDS} kills`, async () => {
    const feed = await startFeedServer({ port: 0, mode: 'simulate', symbols: ['AAPL', 'BTC-USD'], seedPrices: { AAPL: { price: '200.00', currency: 'USD' }, 'BTC-USD': { price: '100.00', currency: 'USD' } }, rate: 40 });
    const env: NodeJS.ProcessEnv = { ...process.env, ...offlineProviderEnv() };
    const acked = new Map<string, Ack>();
    let profileId: string | undefined;
    let seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
    let aggregatingSeen = 0;
    try {
      for (let i = 0; i < ROUNDS; i++) {
        const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, String(seed++), feed.url], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env });
        live.add(child);
        const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
        let stderr = '';
        let buf = '';
        let acks = 0;
        let gotFirst!: () => void;
        const first = new Promise<void>((r) => (gotFirst = r));
        child.stdout!.setEncoding('utf8');
        child.stdout!.on('data', (chunk: string) => {
          buf += chunk;
          let nl: number;
          while ((nl = buf.indexOf('\n')) >= 0) {
            const [tag, a, b, c] = buf.slice(0, nl).split(' ');
            buf = buf.slice(nl + 1);
            if (tag === 'READY') profileId ??= a;
            if (tag === 'ACK' && a && b && c) {
              const prev = acked.get(a);
              // A cancel's ack supersedes the order's; keep the latest acknowledged state.
              acked.set(a, { id: a, state: b, total: c });
              if (!prev && b === 'aggregating') aggregatingSeen++;
              if (++acks === 3) gotFirst();
            }
          }
        });
        child.stderr!.setEncoding('utf8');
        child.stderr!.on('data', (s: string) => (stderr += s));
        const started = await Promise.race([first.then(() => 'ack' as const), exit.then(() => 'exit' as const)]);
        expect(started, `child exited early: ${stderr}`).toBe('ack');
        await sleep(50 + Math.random() * 600);
        child.kill('SIGKILL');
        await exit;
        live.delete(child);
        expect(stderr, 'the child reported an error').toBe('');

        const file = profileDbFile(dataDir, profileId!);
        expect(tradingProblems(file), `round ${i}`).toEqual([]);
        const db = new Database(file, { readonly: true });
        try {
          const row = db.prepare('SELECT state, total FROM orders WHERE id = ?');
          for (const a of acked.values()) {
            const got = row.get(a.id) as { state: string; total: string } | undefined;
            expect(got, `acknowledged order ${a.id} lost in round ${i}`).toBeDefined();
            const reachable: Record<string, string[]> = {
              filled: ['filled'],
              cancelled: ['cancelled'],
              rejected: ['rejected'],
              failed: ['failed'],
              aggregating: ['aggregating', 'filled', 'failed', 'rejected', 'cancelled'],
              open: ['open', 'filled', 'failed', 'cancelled'],
              pending: ['pending', 'aggregating', 'open', 'filled', 'failed', 'rejected', 'cancelled'],
            };
            expect(reachable[a.state], `order ${a.id}: acknowledged ${a.state}, now ${got!.state}`).toContain(got!.state);
            if (a.state === 'filled') expect(got!.total).toBe(a.total);
          }
        } finally {
          db.close();
        }
      }
    } finally {
      await feed.close();
    }
    expect(acked.size).toBeGreaterThan(ROUNDS * 3);
    expect(aggregatingSeen, 'some orders went through the aggregation book').toBeGreaterThan(0);
    console.info(`orders crash test: ${ROUNDS} kills, ${acked.size} acknowledged orders (${aggregatingSeen} aggregated)`);
  }, 240_000);
});
