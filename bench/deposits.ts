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
    let seq = 0;
    for (let r = 0; r < rounds; r++) {
      const rawDir = mkdtempSync(join(dir, 'raw-'));
      rawRates.push(rawSingleRowCommits(rawDir, count).opsPerSec);
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
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
