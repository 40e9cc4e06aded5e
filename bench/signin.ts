import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose } from '../main/compose.js';
import { deriveDbKey, newKeyParams } from '../main/profiles/db-key-kdf.js';
import { hashPassword, verifyPassword } from '../main/profiles/password.js';
import { openConfStore } from '../main/settings/conf-store.js';

const PASSWORD = 'correct horse battery staple';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return Number((s[Math.floor(s.length / 2)] ?? 0).toFixed(1));
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/**
 * Password verification at the earlier cost (N=2^15) and the current one (N=2^17), alternating; the database key's
 * derivation alone (scrypt N=2^17, run beside the verification at sign-in); and a whole `profile:login` through
 * dispatch (verification and key, then opening the encrypted database) at each password cost, plus the first sign-in
 * after the upgrade, which verifies at 2^15 and rehashes at 2^17. Milliseconds, medians of `runs`. Target: sign-in
 * under 1 s.
 */
export async function benchSignIn(opts: { runs?: number } = {}) {
  const runs = opts.runs ?? 5;
  const hash15 = await hashPassword(PASSWORD, 2 ** 15);
  const hash17 = await hashPassword(PASSWORD, 2 ** 17);
  const verify15: number[] = [];
  const verify17: number[] = [];
  for (let i = 0; i < runs; i++) {
    verify15.push(await timed(() => verifyPassword(PASSWORD, hash15)));
    verify17.push(await timed(() => verifyPassword(PASSWORD, hash17)));
  }

  const kdf: number[] = [];
  for (let i = 0; i < runs; i++) kdf.push(await timed(() => deriveDbKey(PASSWORD, newKeyParams())));

  const login: number[] = [];
  const login15: number[] = [];
  const upgrade: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'bourse-bench-signin-'));
    try {
      // Created at the earlier cost, then signed in under the current one: the first login rehashes.
      let app = await compose({ dataDir: dir, settings: openConfStore(dir), scryptCost: 2 ** 15, logger: { error: () => undefined } });
      await app.dispatch('profile:create', { username: 'bench', password: PASSWORD });
      await app.dispatch('profile:logout', {});
      login15.push(await timed(() => app.dispatch('profile:login', { username: 'bench', password: PASSWORD })));
      await app.close();
      app = await compose({ dataDir: dir, settings: openConfStore(dir), logger: { error: () => undefined } });
      upgrade.push(await timed(() => app.dispatch('profile:login', { username: 'bench', password: PASSWORD })));
      await app.dispatch('profile:logout', {});
      login.push(await timed(() => app.dispatch('profile:login', { username: 'bench', password: PASSWORD })));
      await app.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    name: 'sign-in',
    runs,
    target: '< 1000 ms (loginN17MedianMs)',
    keyDerivationMedianMs: median(kdf),
    verifyN15MedianMs: median(verify15),
    verifyN17MedianMs: median(verify17),
    loginN15MedianMs: median(login15),
    loginN17MedianMs: median(login),
    firstLoginAfterUpgradeMedianMs: median(upgrade),
    verifyN15Ms: verify15.map((x) => Number(x.toFixed(1))),
    verifyN17Ms: verify17.map((x) => Number(x.toFixed(1))),
    loginN17Ms: login.map((x) => Number(x.toFixed(1))),
  };
}
