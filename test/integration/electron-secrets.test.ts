import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors.js';

/**
 * The Electron binary is not installed here, so safeStorage is a stand-in with Electron's API shape: a reversible
 * "encryption" and a selectable Linux backend. What is real: Bourse's decision of when safeStorage protects a key.
 */
const fake = vi.hoisted(() => ({ available: true, backend: 'gnome_libsecret' as string }));
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => fake.available,
    getSelectedStorageBackend: () => fake.backend,
    encryptString: (s: string) => Buffer.from(`v11${Buffer.from(s).toString('hex')}`),
    decryptString: (b: Buffer) => Buffer.from(b.toString().slice(3), 'hex').toString(),
  },
}));

const { safeStorageProtects, safeStorageSecrets } = await import('../../main/electron/secrets.js');

function kvMap() {
  const m = new Map<string, unknown>();
  return { m, get: (k: string) => m.get(k), set: (k: string, v: unknown) => void m.set(k, v) };
}

describe('API keys in Electron safeStorage (docs/design.md#security)', () => {
  it.runIf(process.platform === 'linux')('with a keyring backend keys are encrypted, and say so', () => {
    fake.available = true;
    fake.backend = 'gnome_libsecret';
    const kv = kvMap();
    const secrets = safeStorageSecrets(kv);
    expect(safeStorageProtects()).toBe(true);
    expect(secrets.encrypted).toBe(true);
    secrets.set('provider:finnhub', 'sk-live-1234567890');
    expect(JSON.stringify([...kv.m])).not.toContain('sk-live-1234567890');
    expect(secrets.get('provider:finnhub')).toBe('sk-live-1234567890');
  });

  it.runIf(process.platform === 'linux')('the basic_text backend (a hard-coded password) never counts as encryption', () => {
    const kv = kvMap();
    fake.available = true;
    fake.backend = 'gnome_libsecret';
    safeStorageSecrets(kv).set('provider:finnhub', 'sk-stored-with-a-keyring');
    const before = JSON.stringify([...kv.m]);
    for (const backend of ['basic_text', 'unknown']) {
      fake.backend = backend;
      const secrets = safeStorageSecrets(kv);
      expect(safeStorageProtects(), backend).toBe(false);
      expect(secrets.encrypted, backend).toBe(false);
      let refused: unknown;
      try {
        secrets.set('provider:alphavantage', 'sk-would-be-readable');
      } catch (err) {
        refused = err;
      }
      expect(refused, backend).toBeInstanceOf(AppError);
      expect((refused as AppError).code).toBe('NO_SECURE_STORAGE');
      expect(JSON.stringify([...kv.m]), backend).toBe(before);
      // A blob is not handed out while the backend protects nothing.
      expect(secrets.get('provider:finnhub'), backend).toBeUndefined();
    }
  });

  it('no encryption available at all: the same refusal', () => {
    fake.available = false;
    fake.backend = 'gnome_libsecret';
    const secrets = safeStorageSecrets(kvMap());
    expect(secrets.encrypted).toBe(false);
    expect(() => secrets.set('provider:finnhub', 'sk-x')).toThrow(/no secure storage/);
  });
});
