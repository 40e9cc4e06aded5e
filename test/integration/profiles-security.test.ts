import { Sqlite as Database } from '../../main/store/sqlite.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compose, type App } from '../../main/compose.js';
import { FREE_ATTEMPTS } from '../../main/profiles/login-backoff.js';
import { hashParams, verifyPassword } from '../../main/profiles/password.js';
import { ok } from '../support/app.js';
import { fakeClock, testComposeOptions } from '../support/options.js';

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

function storedHash(dir: string, username: string): string {
  const db = new Database(join(dir, 'app.db'), { readonly: true });
  try {
    return (db.prepare('SELECT password_hash AS h FROM profiles WHERE username = ?').get(username) as { h: string }).h;
  } finally {
    db.close();
  }
}

function failedAttempts(dir: string, username: string): number {
  const db = new Database(join(dir, 'app.db'), { readonly: true });
  try {
    return (db.prepare('SELECT failed_attempts AS n FROM profiles WHERE username = ?').get(username) as { n: number }).n;
  } finally {
    db.close();
  }
}

function tally(codes: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of codes) out[c] = (out[c] ?? 0) + 1;
  return out;
}

describe('password checks under attack (docs/design.md#security)', () => {
  let dir: string;
  let app: App | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bourse-profile-security-'));
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('40 parallel wrong logins: only the free attempts are verified, the rest meet the backoff', async () => {
    const clock = fakeClock();
    app = await compose(testComposeOptions(dir, { now: clock.now }));
    await ok(app.dispatch('profile:create', { username: 'mallory', password: 'mallory-password' }));
    await ok(app.dispatch('profile:logout', {}));
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => app!.dispatch('profile:login', { username: 'mallory', password: `guess-${i}` })),
    );
    expect(tally(answers.map(code))).toEqual({ INVALID_CREDENTIALS: FREE_ATTEMPTS, TOO_MANY_ATTEMPTS: 40 - FREE_ATTEMPTS });
    await app.close();
    app = undefined;
    expect(failedAttempts(dir, 'mallory')).toBe(FREE_ATTEMPTS);
  });

  it('40 parallel wrong unlocks: the same, and the lock holds', async () => {
    const clock = fakeClock();
    app = await compose(testComposeOptions(dir, { now: clock.now }));
    await ok(app.dispatch('profile:create', { username: 'trudy', password: 'trudy-password' }));
    await ok(app.dispatch('session:lock', {}));
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => app!.dispatch('session:unlock', { password: `guess-${i}` })));
    expect(tally(answers.map(code))).toEqual({ INVALID_CREDENTIALS: FREE_ATTEMPTS, TOO_MANY_ATTEMPTS: 40 - FREE_ATTEMPTS });
    expect(code(await app.dispatch('wallet:list', {}))).toBe('LOCKED');
    // Once the wait is over the right password still opens it, and clears the count.
    clock.advance(1000);
    await ok(app.dispatch('session:unlock', { password: 'trudy-password' }));
    await app.close();
    app = undefined;
    expect(failedAttempts(dir, 'trudy')).toBe(0);
  });

  it('parallel guesses at an unknown name are answered like wrong passwords and change no profile', async () => {
    const clock = fakeClock();
    app = await compose(testComposeOptions(dir, { now: clock.now }));
    await ok(app.dispatch('profile:create', { username: 'walter', password: 'walter-password' }));
    await ok(app.dispatch('profile:logout', {}));
    const answers = await Promise.all(Array.from({ length: 8 }, () => app!.dispatch('profile:login', { username: 'nobody', password: 'x-password' })));
    expect(new Set(answers.map(code))).toEqual(new Set(['INVALID_CREDENTIALS']));
    await ok(app.dispatch('profile:login', { username: 'walter', password: 'walter-password' }));
  });

  it('a hash keeps its parameters; a weaker one still verifies and is replaced at the next successful sign-in', async () => {
    const clock = fakeClock();
    app = await compose(testComposeOptions(dir, { now: clock.now, scryptCost: 1024 }));
    await ok(app.dispatch('profile:create', { username: 'olga', password: 'olga-password' }));
    await app.close();
    const old = storedHash(dir, 'olga');
    expect(hashParams(old)).toEqual({ N: 1024, r: 8, p: 1 });

    // The same profile under a higher cost: a wrong password changes nothing, the right one rehashes.
    app = await compose(testComposeOptions(dir, { now: clock.now, scryptCost: 4096 }));
    expect(code(await app.dispatch('profile:login', { username: 'olga', password: 'not-olga' }))).toBe('INVALID_CREDENTIALS');
    await app.close();
    expect(storedHash(dir, 'olga')).toBe(old);

    app = await compose(testComposeOptions(dir, { now: clock.now, scryptCost: 4096 }));
    await ok(app.dispatch('profile:login', { username: 'olga', password: 'olga-password' }));
    await app.close();
    const renewed = storedHash(dir, 'olga');
    expect(hashParams(renewed)).toEqual({ N: 4096, r: 8, p: 1 });
    expect(renewed.split('$')[4]).not.toBe(old.split('$')[4]); // a fresh salt
    expect(await verifyPassword('olga-password', renewed)).toBe(true);

    // The new hash signs in, and is not rehashed again at the same cost.
    app = await compose(testComposeOptions(dir, { now: clock.now, scryptCost: 4096 }));
    await ok(app.dispatch('profile:login', { username: 'olga', password: 'olga-password' }));
    await app.close();
    app = undefined;
    expect(storedHash(dir, 'olga')).toBe(renewed);
  });
});
