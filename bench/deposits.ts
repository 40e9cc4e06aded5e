import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose } from '../main/compose.js';
import { openConfStore } from '../main/settings/conf-store.js';
import { rawSingleRowCommits } from './raw-sqlite.js';

/**
 * Deposits per second through `dispatch` (zod validation, session check, idempotency lookup and insert, ledger entry,
 * balance update, one fsync'd commit each) against raw better-sqlite3 single-row commits, same disk, same run.
 * The two are interleaved in rounds so a burst of disk noise hits both alike.
 */
export async function benchDeposits(count = 2000, rounds = 3) {
  const dir = mkdtempSync(join(tmpdir(), 'bourse-bench-'));
  try {
    const app = await compose({ dataDir: dir, settings: openConfStore(dir), logger: { error: () => undefined } });
    const created = await app.dispatch('profile:create', { username: 'bench', password: 'bench-password' });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const dispatchRates: number[] = [];
    const rawRates: number[] = [];
    // CPU per operation (this process: the whole app, its worker thread and SQLite) alongside the wall-clock rates:
    // on a shared machine the fsync'd rates swing with other engineers' disk use, CPU per operation much less.
    const rawCpu: number[] = [];
    const opCpu: number[] = [];
    const rawRun = (r: { opsPerSec: number; cpuUsPerOp: number }) => {
      rawRates.push(r.opsPerSec);
      rawCpu.push(r.cpuUsPerOp);
    };
    let seq = 0;
    for (let r = 0; r < rounds; r++) {
      const rawDir = mkdtempSync(join(dir, 'raw-'));
      rawRun(rawSingleRowCommits(rawDir, count));
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < count; i++) {
        seq += 1;
        const res = await app.dispatch('wallet:deposit', {
          currency: seq % 2 ? 'USD' : 'EUR',
          amount: '10.25',
          idempotencyKey: `bench-key-${seq}`,
        });
        if (!res.ok) throw new Error(JSON.stringify(res));
      }
      dispatchRates.push((count / (performance.now() - t0)) * 1000);
      const cpu = process.cpuUsage(cpu0);
      opCpu.push((cpu.user + cpu.system) / count);
    }
    await app.close();
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const dispatchPerSec = median(dispatchRates);
    const rawPerSec = median(rawRates);
    return {
      name: 'deposits-through-dispatch',
      count,
      rounds,
      dispatchPerSec: Math.round(dispatchPerSec),
      rawSingleRowCommitsPerSec: Math.round(rawPerSec),
      ratio: Number((dispatchPerSec / rawPerSec).toFixed(3)),
      target: 0.6,
      dispatchRates: dispatchRates.map(Math.round),
      rawRates: rawRates.map(Math.round),
      cpuUsPerOp: Math.round(median(opCpu)),
      rawCpuUsPerCommit: Math.round(median(rawCpu)),
      cpuRatio: Number((median(rawCpu) / median(opCpu)).toFixed(3)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
