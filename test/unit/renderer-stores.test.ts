import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main/compose.js';
import type { BourseApi } from '../../shared/contract/index.js';
import { ok, tempApp } from '../support/app.js';

/**
 * The renderer's stores against the real app, wired the way Electron's preload wires them (`window.bourse` forwards
 * each call to dispatch). `lose` names a channel whose next answer is dropped after main handled the call, as a
 * connection that breaks on the way back does: the store sees no answer although the money moved.
 */
const bridge = {
  app: null as App | null,
  lose: null as string | null,
  sent: [] as { channel: string; payload: Record<string, unknown> }[],
};
(globalThis as { bourse?: unknown }).bourse = {
  async invoke(channel: string, payload: Record<string, unknown>) {
    bridge.sent.push({ channel, payload });
    const answer = await bridge.app!.dispatch(channel, payload);
    if (bridge.lose === channel) {
      bridge.lose = null;
      throw new Error('connection reset');
    }
    return answer;
  },
  on: () => () => undefined,
} as unknown as BourseApi;
const { useWallets } = await import('../../renderer/src/stores/wallets.js');
const { useActivity } = await import('../../renderer/src/stores/activity.js');

const keysSent = (channel: string) => bridge.sent.filter((s) => s.channel === channel).map((s) => s.payload.idempotencyKey);

describe('renderer stores against the app', { timeout: 60_000 }, () => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const t = await tempApp();
    bridge.app = t.app;
    cleanup = t.cleanup;
    await ok(t.app.dispatch('profile:create', { username: 'stores', password: 'correct horse' }));
  }, 60_000);
  afterAll(async () => cleanup?.());

  const balance = async (currency: string) => {
    const list = await ok<{ currency: string; balance: string }[]>(bridge.app!.dispatch('wallet:list', {}));
    return list.find((w) => w.currency === currency)?.balance;
  };

  it('sends a deposit whose answer was lost again with the same key: the money moves once', async () => {
    bridge.sent = [];
    bridge.lose = 'wallet:deposit';
    const move = { currency: 'EUR', amount: '10.00', note: 'rent' };
    const lost = await useWallets.getState().move('deposit', move);
    expect(lost.ok ? null : lost.error.code).toBe('NETWORK');
    expect(await balance('EUR')).toBe('10.00'); // it ran in main all the same

    const retried = await useWallets.getState().move('deposit', move);
    expect(retried).toMatchObject({ ok: true, data: { balance: '10.00' } });
    expect(await balance('EUR')).toBe('10.00');
    const [first, second] = keysSent('wallet:deposit');
    expect(second).toBe(first);

    // Answered: the same move again is a new deposit with a new key.
    const next = await useWallets.getState().move('deposit', move);
    expect(next).toMatchObject({ ok: true, data: { balance: '20.00' } });
    expect(new Set(keysSent('wallet:deposit')).size).toBe(2);
    // The store reloads its wallets after each move it made.
    await expect.poll(() => useWallets.getState().wallets.find((w) => w.currency === 'EUR')?.balance).toBe('20.00');
  });

  it('gives a different move after a lost answer its own key', async () => {
    bridge.sent = [];
    bridge.lose = 'wallet:deposit';
    const lost = await useWallets.getState().move('deposit', { currency: 'USD', amount: '5.00', note: '' });
    expect(lost.ok).toBe(false);
    const other = await useWallets.getState().move('deposit', { currency: 'USD', amount: '6.00', note: '' });
    expect(other).toMatchObject({ ok: true, data: { balance: '11.00' } });
    const [first, second] = keysSent('wallet:deposit');
    expect(second).not.toBe(first);
  });

  it('records an activity whose answer was lost once, and lists it', async () => {
    bridge.sent = [];
    bridge.lose = 'activity:record';
    const draft = { type: 'interest', currency: 'EUR', amount: '1.25', date: '2025-01-02', note: 'savings' } as const;
    const lost = await useActivity.getState().record(draft);
    expect(lost.ok).toBe(false);
    const retried = await useActivity.getState().record(draft);
    expect(retried).toMatchObject({ ok: true, data: { type: 'interest', amount: '1.25' } });
    const [first, second] = keysSent('activity:record');
    expect(second).toBe(first);

    const all = await ok<{ type: string; note: string | null }[]>(bridge.app!.dispatch('activity:list', { limit: 50 }));
    expect(all.filter((a) => a.type === 'interest')).toHaveLength(1);
    await expect.poll(() => useActivity.getState().recent?.filter((a) => a.type === 'interest').length).toBe(1);
  });

  it('keeps errors as data: a refused withdrawal changes nothing and says why', async () => {
    const before = await balance('EUR');
    const r = await useWallets.getState().move('withdraw', { currency: 'EUR', amount: '1000.00', note: '' });
    expect(r.ok ? null : r.error.code).toBe('INSUFFICIENT_FUNDS');
    expect(await balance('EUR')).toBe(before);
  });
});
