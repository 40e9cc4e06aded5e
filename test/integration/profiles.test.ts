import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compose, type App } from '../../main/compose.js';
import { key, ok, tempApp } from '../support/app.js';
import { fakeClock, testComposeOptions } from '../support/options.js';

type State = { profile: { id: string; username: string } | null; locked: boolean };
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('profiles', () => {
  let app: App;
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ app, dir, cleanup } = await tempApp()));
  afterEach(async () => cleanup());

  it('two profiles see only their own wallets', async () => {
    const alice = await ok<State>(app.dispatch('profile:create', { username: 'alice', password: 'alice-password' }));
    await ok(app.dispatch('wallet:deposit', { currency: 'USD', amount: '10', idempotencyKey: key() }));
    await ok(app.dispatch('profile:logout', {}));
    const bob = await ok<State>(app.dispatch('profile:create', { username: 'bob', password: 'bob-password' }));
    expect(bob.profile?.id).not.toBe(alice.profile?.id);
    expect(await ok(app.dispatch('wallet:list', {}))).toEqual([]);
    expect(await ok(app.dispatch('wallet:entries', { currency: 'USD' }))).toEqual([]);
    await ok(app.dispatch('wallet:deposit', { currency: 'EUR', amount: '20', idempotencyKey: key() }));
    // Switching straight from bob to alice, without logging out.
    await ok(app.dispatch('profile:login', { username: 'alice', password: 'alice-password' }));
    const mine = await ok<{ currency: string; balance: string }[]>(app.dispatch('wallet:list', {}));
    expect(mine.map((w) => [w.currency, w.balance])).toEqual([['USD', '10.00']]);
    await ok(app.dispatch('profile:login', { username: 'bob', password: 'bob-password' }));
    const his = await ok<{ currency: string; balance: string }[]>(app.dispatch('wallet:list', {}));
    expect(his.map((w) => [w.currency, w.balance])).toEqual([['EUR', '20.00']]);
    // Each has its own database file.
    expect(readdirSync(join(dir, 'profiles')).sort()).toEqual([alice.profile!.id, bob.profile!.id].sort());
    const list = await ok<{ username: string }[]>(app.dispatch('profile:list', {}));
    expect(list.map((p) => p.username)).toEqual(['alice', 'bob']);
    expect(JSON.stringify(list)).not.toMatch(/password|hash/i);
  });

  it('usernames are unique regardless of case (and of Unicode normalisation)', async () => {
    await ok(app.dispatch('profile:create', { username: 'Alice', password: 'alice-password' }));
    for (const u of ['alice', 'ALICE', 'aLiCe']) {
      expect(code(await app.dispatch('profile:create', { username: u, password: 'other-password' })), u).toBe('USERNAME_TAKEN');
    }
    await ok(app.dispatch('profile:create', { username: 'Émile', password: 'emile-password' }));
    for (const u of ['émile', 'ÉMILE', 'E\u0301MILE'.normalize('NFC')]) {
      expect(code(await app.dispatch('profile:create', { username: u, password: 'other-password' })), u).toBe('USERNAME_TAKEN');
    }
    // A decomposed "É" (E + combining accent) is never a second Émile either.
    expect(code(await app.dispatch('profile:create', { username: 'E\u0301mile', password: 'other-password' }))).not.toBe('ok');
    // Logging in is case-insensitive too.
    expect((await ok<State>(app.dispatch('profile:login', { username: 'ALICE', password: 'alice-password' }))).profile?.username).toBe('Alice');
    expect((await ok<State>(app.dispatch('profile:login', { username: 'émile', password: 'emile-password' }))).profile?.username).toBe('Émile');
    const list = await ok<unknown[]>(app.dispatch('profile:list', {}));
    expect(list).toHaveLength(2);
  });

  it('a wrong password or unknown user is INVALID_CREDENTIALS and leaves you signed out', async () => {
    await ok(app.dispatch('profile:create', { username: 'carol', password: 'carol-password' }));
    await ok(app.dispatch('profile:logout', {}));
    expect(code(await app.dispatch('profile:login', { username: 'carol', password: 'wrong-password' }))).toBe('INVALID_CREDENTIALS');
    expect(code(await app.dispatch('profile:login', { username: 'nobody', password: 'carol-password' }))).toBe('INVALID_CREDENTIALS');
    expect(code(await app.dispatch('wallet:list', {}))).toBe('UNAUTHENTICATED');
    const s = await ok<State>(app.dispatch('session:get', {}));
    expect(s.profile).toBeNull();
  });

  it('never stores the password in clear', async () => {
    const password = 'Sup3r-Secret-Passphrase-9731';
    await ok(app.dispatch('profile:create', { username: 'dave', password }));
    await ok(app.dispatch('wallet:deposit', { currency: 'USD', amount: '1', idempotencyKey: key() }));
    await ok(app.dispatch('profile:logout', {}));
    await app.dispatch('profile:login', { username: 'dave', password: `${password}x` }); // a failed attempt too
    await ok(app.dispatch('profile:login', { username: 'dave', password }));
    const needles = [Buffer.from(password, 'utf8'), Buffer.from(password, 'utf16le'), Buffer.from(password.toLowerCase(), 'utf8')];
    const files = filesUnder(dir); // app.db, its -wal/-shm, settings.json, the profile db
    expect(files.some((f) => f.endsWith('app.db'))).toBe(true);
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const n of needles) expect(bytes.includes(n), `${f} contains the password`).toBe(false);
    }
  });
});

describe('login backoff', () => {
  let dir: string;
  let app: App | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bourse-backoff-'));
  });
  afterEach(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('after 3 failures the next attempt waits, even with the right password, and a restart does not reset it', async () => {
    const clock = fakeClock();
    app = await compose(testComposeOptions(dir, { now: clock.now }));
    const creds = { username: 'erin', password: 'erin-password' };
    await ok(app.dispatch('profile:create', creds));
    await ok(app.dispatch('profile:logout', {}));
    for (let i = 0; i < 3; i++) {
      expect(code(await app.dispatch('profile:login', { ...creds, password: 'wrong-password' }))).toBe('INVALID_CREDENTIALS');
    }
    const blocked = await app.dispatch('profile:login', creds);
    expect(code(blocked)).toBe('TOO_MANY_ATTEMPTS');
    const retry = !blocked.ok ? (blocked.error.details?.retryAfterMs as number) : 0;
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(1000);
    // Case-insensitive usernames share the counter.
    expect(code(await app.dispatch('profile:login', { ...creds, username: 'ERIN' }))).toBe('TOO_MANY_ATTEMPTS');

    // Restart on the same folder: the counter lives in app.db.
    await app.close();
    app = await compose(testComposeOptions(dir, { now: clock.now }));
    expect(code(await app.dispatch('profile:login', creds))).toBe('TOO_MANY_ATTEMPTS');

    // Once the window passed, a wrong password counts again and doubles the wait (2 s).
    clock.advance(1001);
    expect(code(await app.dispatch('profile:login', { ...creds, password: 'wrong-password' }))).toBe('INVALID_CREDENTIALS');
    const second = await app.dispatch('profile:login', creds);
    expect(code(second)).toBe('TOO_MANY_ATTEMPTS');
    expect(!second.ok && (second.error.details?.retryAfterMs as number)).toBeGreaterThan(1000);
    clock.advance(2001);
    // The right password gets in and resets the counter.
    await ok(app.dispatch('profile:login', creds));
    await ok(app.dispatch('profile:logout', {}));
    for (let i = 0; i < 3; i++) {
      expect(code(await app.dispatch('profile:login', { ...creds, password: 'wrong-password' }))).toBe('INVALID_CREDENTIALS');
    }
    expect(code(await app.dispatch('profile:login', creds))).toBe('TOO_MANY_ATTEMPTS');
  });

  it('wrong passwords on session:unlock count towards the same backoff', async () => {
    const clock = fakeClock();
    app = await compose(testComposeOptions(dir, { now: clock.now }));
    await ok(app.dispatch('profile:create', { username: 'frank', password: 'frank-password' }));
    await ok(app.dispatch('session:lock', {}));
    for (let i = 0; i < 3; i++) expect(code(await app.dispatch('session:unlock', { password: 'nope-nope' }))).toBe('INVALID_CREDENTIALS');
    expect(code(await app.dispatch('session:unlock', { password: 'frank-password' }))).toBe('TOO_MANY_ATTEMPTS');
    expect(code(await app.dispatch('wallet:list', {}))).toBe('LOCKED');
    clock.advance(1000);
    await ok(app.dispatch('session:unlock', { password: 'frank-password' }));
    await ok(app.dispatch('wallet:list', {}));
  });
});
