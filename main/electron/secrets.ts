import { safeStorage } from 'electron';
import type { SecretStore } from '../settings/secrets.js';

interface Kv {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/**
 * API keys encrypted with the OS keychain through Electron's safeStorage and kept, as base64 ciphertext, in the
 * settings file. Where the OS offers no encryption (some Linux desktops without a keyring) safeStorage says so and
 * Bourse refuses to store keys rather than keep them in clear behind the user's back.
 */
export function safeStorageSecrets(kv: Kv): SecretStore {
  const all = () => (kv.get('secretsEncrypted') as Record<string, string> | undefined) ?? {};
  return {
    encrypted: true,
    get(name) {
      const blob = all()[name];
      if (!blob || !safeStorage.isEncryptionAvailable()) return undefined;
      return safeStorage.decryptString(Buffer.from(blob, 'base64'));
    },
    set(name, value) {
      if (!safeStorage.isEncryptionAvailable()) throw new Error('This system offers no secure storage for API keys.');
      kv.set('secretsEncrypted', { ...all(), [name]: safeStorage.encryptString(value).toString('base64') });
    },
    delete(name) {
      const { [name]: _gone, ...rest } = all();
      kv.set('secretsEncrypted', rest);
    },
  };
}
