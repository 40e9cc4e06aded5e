import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BigDecimal as D } from '../../shared/decimal/engine.js';
import { openProfileFile } from '../support/db-key.js';
import { auditProfileDb, profileDbFile } from '../support/ledger.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHILD = join(root, 'test/support/transfer-crash-child.ts');
const ROUNDS = Number(process.env.TRANSFER_CRASH_ROUNDS ?? 8);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Ack {
  key: string;
  kind: 'units' | 'cash';
  from: string;
  to: string;
  amount: string;
}

/** What the profile database holds of the two accounts after a kill. */
function inspect(file: string) {
  const db = openProfileFile(file, { fileMustExist: true, readonly: true });
  try {
    const positions = db.prepare("SELECT account_id AS account, quantity FROM positions WHERE symbol = 'AAPL'").all() as { account: string; quantity: string }[];
    const wallets = db.prepare("SELECT account_id AS account, balance FROM wallets WHERE currency = 'USD'").all() as { account: string; balance: string }[];
    // Units per account as the activity log has them: buys, and each side of every transfer.
    const logged = db
      .prepare("SELECT account_id AS account, type, quantity FROM activities WHERE symbol = 'AAPL' AND type IN ('buy', 'transfer-in', 'transfer-out') ORDER BY date, rowid")
      .all() as { account: string; type: string; quantity: string }[];
    const pairs = db
      .prepare("SELECT type, symbol, quantity, account_id AS account, rowid FROM activities WHERE type IN ('transfer-in', 'transfer-out') ORDER BY rowid")
      .all() as { type: string; symbol: string; quantity: string; account: string; rowid: number }[];
    return { positions, wallets, logged, pairs };
  } finally {
    db.close();
  }
}

/**
 * SIGKILL during a stream of transfers of units and cash between two accounts, many times: after every kill every
 * acknowledged transfer is there (its key and its rows), each account's units equal what its log says, the two
 * accounts together still hold the 1000 units and 200,000 USD put in, every transfer-out has its transfer-in right
 * after it, and every balance equals its ledger.
 */
describe('crash safety: SIGKILL during transfers between accounts', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bourse-transfer-crash-'));
  const live = new Set<ChildProcess>();
  afterAll(() => {
    for (const c of live) c.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`keeps both accounts consistent and every acknowledged transfer across ${ROUNDS} kills`, async () => {
    const acked: Ack[] = [];
    let profileId: string | undefined;
    let seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
    for (let i = 0; i < ROUNDS; i++) {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, String(seed++)], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
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
          const [tag, a, b, c, d, e] = buf.slice(0, nl).split(' ');
          buf = buf.slice(nl + 1);
          if (tag === 'READY') profileId ??= a;
          else if (tag === 'ACK' && a && b && c && d && e) {
            acked.push({ key: a, kind: b as Ack['kind'], from: c, to: d, amount: e });
            if (++acks === 1) gotFirst();
          }
        }
        // A partial last line (cut by the kill) is not an acknowledgement.
      });
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (s: string) => (stderr += s));
      const started = await Promise.race([first.then(() => 'ack' as const), exit.then(() => 'exit' as const)]);
      expect(started, `child exited before its first transfer: ${stderr}`).toBe('ack');
      await sleep(30 + Math.random() * 400);
      child.kill('SIGKILL');
      const { signal } = await exit;
      live.delete(child);
      expect(stderr, 'the child reported an error').toBe('');
      expect(signal).toBe('SIGKILL');

      const file = profileDbFile(dataDir, profileId!);
      const audit = auditProfileDb(file);
      expect(audit.problems, `round ${i}`).toEqual([]);
      for (const a of acked) expect(audit.idempotencyKeys.get(a.key)?.channel, `acknowledged transfer ${a.key} lost in round ${i}`).toBe('account:transfer');
      const s = inspect(file);
      // Each account's position is what its log says; the two together hold the 1000 units bought.
      const byLog = new Map<string, D>();
      for (const r of s.logged) byLog.set(r.account, (byLog.get(r.account) ?? new D(0))[r.type === 'transfer-out' ? 'minus' : 'plus'](r.quantity));
      let units = new D(0);
      for (const p of s.positions) {
        expect(new D(p.quantity).equals(byLog.get(p.account) ?? new D(0)), `${p.account} units`).toBe(true);
        expect(new D(p.quantity).isNegative()).toBe(false);
        units = units.plus(p.quantity);
      }
      expect(units.toFixed()).toBe('1000');
      const cash = s.wallets.reduce((sum, w) => sum.plus(w.balance), new D(0));
      expect(cash.toFixed(2)).toBe('100000.00'); // 200,000 deposited, 100,000 paid for the units
      // Both sides or neither: every transfer-out is followed by its transfer-in of the same units into another account.
      expect(s.pairs.length % 2).toBe(0);
      for (let j = 0; j < s.pairs.length; j += 2) {
        const [out, inn] = [s.pairs[j]!, s.pairs[j + 1]!];
        expect([out.type, inn.type, inn.rowid - out.rowid, inn.quantity, inn.account !== out.account]).toEqual(['transfer-out', 'transfer-in', 1, out.quantity, true]);
      }
      // Every acknowledged units transfer has its two rows (the ids are in its stored answer).
      const unitRows = s.pairs.length / 2;
      expect(unitRows).toBeGreaterThanOrEqual(acked.filter((a) => a.kind === 'units').length);
    }
    expect(acked.length).toBeGreaterThan(ROUNDS);
    console.info(`transfer crash test: ${ROUNDS} kills, ${acked.length} acknowledged transfers`);
  }, 240_000);
});
