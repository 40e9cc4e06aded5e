import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BigDecimal as D } from '../../shared/decimal/engine.js';
import { auditProfileDb, profileDbFile } from '../support/ledger.js';
import { ok, tempApp } from '../support/app.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHILD = join(root, 'test/support/crash-child.ts');
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 28);

interface Ack {
  key: string;
  amount: string;
  currency: string;
}

interface Round {
  profileId?: string;
  acks: Ack[];
  stderr: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  child: ChildProcess;
  firstAck: Promise<void>;
}

function start(dataDir: string, seed: number): Round {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, String(seed)], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let gotFirst!: () => void;
  const round: Round = {
    acks: [],
    stderr: '',
    child,
    firstAck: new Promise<void>((r) => (gotFirst = r)),
    exit: new Promise((r) => child.on('exit', (code, signal) => r({ code, signal }))),
  };
  let buf = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      const [tag, a, b, c] = line.split(' ');
      if (tag === 'READY') round.profileId = a;
      else if (tag === 'ACK' && a && b && c) {
        round.acks.push({ key: a, amount: b, currency: c });
        if (round.acks.length === 1) gotFirst();
      }
    }
    // A partial last line (cut by the kill) is not an acknowledgement: it stays in `buf` and is dropped.
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (s: string) => (round.stderr += s));
  return round;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('crash safety: SIGKILL during a stream of deposits', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bourse-crash-'));
  const live = new Set<ChildProcess>();
  afterAll(() => {
    for (const c of live) c.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged deposit and a consistent ledger across ${ROUNDS} kills`, async () => {
    const acked: Ack[] = [];
    let profileId: string | undefined;
    let seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
    const log: string[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const round = start(dataDir, seed++);
      live.add(round.child);
      // Most rounds die mid-stream; every seventh one dies early, during start-up, migrations or sign-in.
      const early = i % 7 === 6;
      if (early) {
        await Promise.race([sleep(50 + Math.random() * 900), round.exit]);
      } else {
        const first = await Promise.race([round.firstAck.then(() => 'ack' as const), round.exit.then(() => 'exit' as const)]);
        expect(first, `child exited before its first deposit: ${round.stderr}`).toBe('ack');
        await sleep(20 + Math.random() * 380);
      }
      round.child.kill('SIGKILL');
      const { code, signal } = await round.exit;
      live.delete(round.child);
      expect(round.stderr, 'the child reported an error').toBe('');
      expect(signal === 'SIGKILL' || code === 0, `child exit ${code} ${signal}`).toBe(true);
      profileId ??= round.profileId;
      if (round.profileId) expect(round.profileId).toBe(profileId);
      acked.push(...round.acks);
      log.push(`${early ? 'early' : 'mid'}:${round.acks.length}`);
      if (!profileId) continue; // killed before the profile existed: nothing to check yet

      const audit = auditProfileDb(profileDbFile(dataDir, profileId));
      expect(audit.integrity).toBe('ok');
      expect(audit.problems, `round ${i}`).toEqual([]);
      const byNote = new Map<string, { amount: string; currency: string }>();
      for (const w of audit.wallets) for (const e of w.entries) byNote.set(e.note ?? '', { amount: e.amount, currency: w.currency });
      for (const a of acked) {
        expect(audit.idempotencyKeys.has(a.key), `acknowledged deposit ${a.key} lost in round ${i}`).toBe(true);
        const entry = byNote.get(a.key);
        expect(entry, `ledger entry for ${a.key}`).toBeDefined();
        expect(entry!.currency).toBe(a.currency);
        expect(new D(entry!.amount).equals(a.amount)).toBe(true);
      }
      // Nothing was written that is not a whole deposit: every entry has its key and vice versa.
      expect(byNote.size).toBe(audit.idempotencyKeys.size);
      for (const k of audit.idempotencyKeys.keys()) expect(byNote.has(k)).toBe(true);
    }
    expect(profileId).toBeDefined();
    const midRounds = log.filter((l) => l.startsWith('mid')).length;
    expect(midRounds).toBeGreaterThanOrEqual(Math.floor((ROUNDS * 6) / 7));
    expect(acked.length).toBeGreaterThan(ROUNDS);

    // Finally the app itself restarts on the crashed folder: replaying acknowledged keys returns their first result
    // and writes nothing, and the balances it reports are the ledger sums.
    const { app, cleanup } = await tempApp(dataDir);
    try {
      await ok(app.dispatch('profile:login', { username: 'crash', password: 'crash-test-password' }));
      const before = auditProfileDb(profileDbFile(dataDir, profileId!));
      for (const a of acked.slice(-20)) {
        const r = await ok<{ entry: { note: string; amount: string } }>(
          app.dispatch('wallet:deposit', { currency: a.currency, amount: a.amount, note: a.key, idempotencyKey: a.key }),
        );
        expect(r.entry.note).toBe(a.key);
      }
      const wallets = await ok<{ currency: string; balance: string }[]>(app.dispatch('wallet:list', {}));
      const after = auditProfileDb(profileDbFile(dataDir, profileId!));
      expect(after.wallets.map((w) => w.entries.length)).toEqual(before.wallets.map((w) => w.entries.length));
      for (const w of wallets) {
        const audited = after.wallets.find((x) => x.currency === w.currency);
        expect(new D(w.balance).equals(audited!.ledgerSum)).toBe(true);
      }
    } finally {
      await cleanup();
    }
    console.info(`crash test: ${ROUNDS} kills (${midRounds} mid-stream), ${acked.length} acknowledged deposits`);
  }, 240_000); // ~40 s on an idle 2-core machine; child start-up dominates and stretches under load
});
