import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose } from '../main/compose.js';
import { deriveDbKey, newKeyParams } from '../main/profiles/db-key-kdf.js';
import { openConfStore } from '../main/settings/conf-store.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * Sign-in with production costs (password hash and database key both scrypt at their defaults, N=2^17 for the key):
 * `profile:login` through dispatch, from the password to an open, migrated, encrypted profile database. Also the
 * key derivation alone. Target: sign-in under 1 s.
 */
export async function benchSignIn({ runs = 5 }: { runs?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bourse-bench-signin-'));
  try {
    const app = await compose({ dataDir: dir, settings: openConfStore(dir), logger: { error: () => undefined } });
    const user = { username: 'bench', password: 'bench-password' };
    const created = await app.dispatch('profile:create', user);
    if (!created.ok) throw new Error(JSON.stringify(created));
    for (let i = 0; i < 200; i++) {
      const d = await app.dispatch('wallet:deposit', { currency: 'USD', amount: '1.00', idempotencyKey: `bench-signin-${i}` });
      if (!d.ok) throw new Error(JSON.stringify(d));
    }
    const signIn: number[] = [];
    for (let i = 0; i < runs; i++) {
      await app.dispatch('profile:logout', {});
      const t0 = performance.now();
      const r = await app.dispatch('profile:login', user);
      signIn.push(performance.now() - t0);
      if (!r.ok) throw new Error(JSON.stringify(r));
    }
    await app.close();
    const kdf: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await deriveDbKey('bench-password', newKeyParams());
      kdf.push(performance.now() - t0);
    }
    return {
      name: 'sign-in',
      runs,
      signInMedianMs: Math.round(median(signIn)),
      signInMaxMs: Math.round(Math.max(...signIn)),
      keyDerivationMedianMs: Math.round(median(kdf)),
      target: '< 1000 ms',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
