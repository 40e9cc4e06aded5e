import { safeStorage } from 'electron';
import { AppError } from '../../shared/errors.js';
import type { SecretStore } from '../settings/secrets.js';

interface Kv {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/**
 * Linux safeStorage backends that protect nothing: `basic_text` encrypts with a password hard-coded in Chromium
 * (chosen when no secret service or KWallet answers), and `unknown` means none was selected yet.
 */
const UNPROTECTED_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown']);

/**
 * Whether safeStorage really encrypts here: it must be available, and on Linux its backend must be a keyring
 * (gnome_libsecret, kwallet…), not the hard-coded password. Asked at each use: the answer is only known once the
 * app is ready.
 */
export function safeStorageProtects(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (process.platform !== 'linux') return true;
  return !UNPROTECTED_BACKENDS.has(safeStorage.getSelectedStorageBackend());
}

/**
 * API keys encrypted with the OS keychain through Electron's safeStorage and kept, as base64 ciphertext, in the
 * settings file. Where the OS offers no real encryption (no keychain, or Linux's `basic_text` fallback) Bourse never
 * claims it: `encrypted` is false, storing a key is refused (NO_SECURE_STORAGE) rather than kept readable behind the
 * user's back, and a blob stored under such a backend is not read back (docs/design.md#security).
 */
export function safeStorageSecrets(kv: Kv): SecretStore {
  const all = () => (kv.get('secretsEncrypted') as Record<string, string> | undefined) ?? {};
  return {
    get encrypted() {
      return safeStorageProtects();
    },
    get(name) {
      const blob = all()[name];
      if (!blob || !safeStorageProtects()) return undefined;
      return safeStorage.decryptString(Buffer.from(blob, 'base64'));
    },
    set(name, value) {
      if (!safeStorageProtects()) {
        throw new AppError('NO_SECURE_STORAGE', 'This system offers no secure storage for API keys (no keyring), so Bourse does not store them.');
      }
      kv.set('secretsEncrypted', { ...all(), [name]: safeStorage.encryptString(value).toString('base64') });
    },
    delete(name) {
      const { [name]: _gone, ...rest } = all();
      kv.set('secretsEncrypted', rest);
    },
  };
}
