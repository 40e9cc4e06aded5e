import { describe, expect, it, vi } from 'vitest';
import type { AlertFired } from '../../shared/contract/index.js';

/**
 * The Electron binary is not installed here: the desktop notification runs against a stand-in for Electron's
 * Notification (what it is given, whether it is shown, its click). What is real: main/electron/notify.ts.
 */
const fake = vi.hoisted(() => ({
  supported: true,
  shown: [] as { title: string; body: string; click?: () => void }[],
}));
vi.mock('electron', () => ({
  Notification: class {
    static isSupported() {
      return fake.supported;
    }
    private readonly entry: { title: string; body: string; click?: () => void };
    constructor(opts: { title: string; body: string }) {
      this.entry = { title: opts.title, body: opts.body };
    }
    on(event: string, cb: () => void) {
      if (event === 'click') this.entry.click = cb;
      return this;
    }
    show() {
      fake.shown.push(this.entry);
    }
  },
}));

const { electronNotify } = await import('../../main/electron/notify.js');

const fired: AlertFired = {
  id: '1',
  alertId: 'a',
  symbol: 'AAPL',
  kind: 'above',
  threshold: '150',
  price: '151.5',
  reference: null,
  ts: 0,
  firedAt: '2026-01-01T00:00:00.000Z',
  message: 'AAPL is at 151.5 USD, at or above 150.',
};

describe('desktop notification of a fired alert', () => {
  it('shows the alert in a system notification whose click brings the window back', () => {
    const calls: string[] = [];
    const win = {
      isDestroyed: () => false,
      isMinimized: () => true,
      restore: () => calls.push('restore'),
      show: () => calls.push('show'),
      focus: () => calls.push('focus'),
    };
    electronNotify(() => win as never)(fired);
    expect(fake.shown).toHaveLength(1);
    expect(fake.shown[0]).toMatchObject({ title: 'Bourse: AAPL', body: fired.message });
    fake.shown[0]!.click!();
    expect(calls).toEqual(['restore', 'show', 'focus']);
  });

  it('shows nothing where the system has no notifications', () => {
    fake.supported = false;
    fake.shown.length = 0;
    electronNotify(() => null)(fired);
    expect(fake.shown).toEqual([]);
  });
});
