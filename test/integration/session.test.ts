import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compose, type App } from '../../main/compose.js';
import type { BourseEvent } from '../../shared/contract/index.js';
import { key, ok } from '../support/app.js';
import { fakeClock, testComposeOptions } from '../support/options.js';

type State = { profile: { username: string } | null; locked: boolean; idleLockMinutes: number };
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

describe('session: idle lock, unlock, logout', () => {
  let dir: string;
  let app: App;
  let clock: ReturnType<typeof fakeClock>;
  const events: BourseEvent[] = [];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bourse-session-'));
    clock = fakeClock();
    app = await compose(testComposeOptions(dir, { now: clock.now }));
    app.events.subscribe((e) => events.push(e));
    await ok(app.dispatch('profile:create', { username: 'grace', password: 'grace-password' }));
    await ok(app.dispatch('wallet:deposit', { currency: 'CHF', amount: '5', idempotencyKey: key() }));
  });
  afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
    events.length = 0;
  });

  it('locks after the configured idle time; the right password unlocks, a wrong one does not', async () => {
    const s = await ok<{ idleLockMinutes: number }>(app.dispatch('settings:update', { idleLockMinutes: 2 }));
    expect(s.idleLockMinutes).toBe(2);
    clock.advance(2 * 60_000 - 1);
    await ok(app.dispatch('session:touch', {})); // user input just before the limit resets the timer
    clock.advance(60_000);
    await ok(app.dispatch('wallet:list', {})); // a call is not activity: it does not reset the timer
    clock.advance(60_000 - 1);
    await ok(app.dispatch('wallet:list', {}));
    clock.advance(1);
    expect(code(await app.dispatch('wallet:list', {}))).toBe('LOCKED');
    expect(code(await app.dispatch('wallet:deposit', { currency: 'CHF', amount: '1', idempotencyKey: key() }))).toBe('LOCKED');
    expect(code(await app.dispatch('settings:get', {}))).toBe('LOCKED');
    expect(code(await app.dispatch('session:touch', {}))).toBe('LOCKED');
    const st = await ok<State>(app.dispatch('session:get', {}));
    expect(st).toMatchObject({ locked: true, profile: { username: 'grace' }, idleLockMinutes: 2 });
    expect(events.some((e) => e.event === 'session:changed' && e.payload.locked)).toBe(true);

    expect(code(await app.dispatch('session:unlock', { password: 'not-grace' }))).toBe('INVALID_CREDENTIALS');
    expect(code(await app.dispatch('wallet:list', {}))).toBe('LOCKED');
    const unlocked = await ok<State>(app.dispatch('session:unlock', { password: 'grace-password' }));
    expect(unlocked.locked).toBe(false);
    const w = await ok<{ balance: string; latest: unknown[] }[]>(app.dispatch('wallet:list', {}));
    // The deposit tried while locked did not happen.
    expect(w[0]?.balance).toBe('5.00');
    expect(w[0]?.latest).toHaveLength(1);
  });

  it('idleLockMinutes 0 never locks; session:lock locks at once', async () => {
    await ok(app.dispatch('settings:update', { idleLockMinutes: 0 }));
    clock.advance(7 * 24 * 3600_000);
    await ok(app.dispatch('wallet:list', {}));
    await ok(app.dispatch('session:lock', {}));
    expect(code(await app.dispatch('wallet:list', {}))).toBe('LOCKED');
    await ok(app.dispatch('session:unlock', { password: 'grace-password' }));
    await ok(app.dispatch('wallet:list', {}));
  });

  it('the default idle lock (15 minutes) applies without any settings change', async () => {
    clock.advance(15 * 60_000);
    expect(code(await app.dispatch('wallet:list', {}))).toBe('LOCKED');
  });

  it('logout ends the session: wallet calls are UNAUTHENTICATED and unlock is refused', async () => {
    const s = await ok<State>(app.dispatch('profile:logout', {}));
    expect(s).toMatchObject({ profile: null, locked: false });
    expect(code(await app.dispatch('wallet:list', {}))).toBe('UNAUTHENTICATED');
    expect(code(await app.dispatch('wallet:deposit', { currency: 'CHF', amount: '1', idempotencyKey: key() }))).toBe('UNAUTHENTICATED');
    expect(code(await app.dispatch('settings:get', {}))).toBe('UNAUTHENTICATED');
    expect(code(await app.dispatch('session:unlock', { password: 'grace-password' }))).toBe('UNAUTHENTICATED');
    // Logging out of a locked session works too, and signing back in shows the same data.
    await ok(app.dispatch('profile:login', { username: 'grace', password: 'grace-password' }));
    await ok(app.dispatch('session:lock', {}));
    await ok(app.dispatch('profile:logout', {}));
    expect(code(await app.dispatch('wallet:list', {}))).toBe('UNAUTHENTICATED');
    await ok(app.dispatch('profile:login', { username: 'grace', password: 'grace-password' }));
    const w = await ok<{ balance: string }[]>(app.dispatch('wallet:list', {}));
    expect(w[0]?.balance).toBe('5.00');
  });
});
