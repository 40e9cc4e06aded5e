import type { KeyValueStore } from './key-value.js';

/**
 * Where API keys live. The desktop app passes one backed by Electron's `safeStorage` (OS keychain encryption); the
 * browser host has no keychain and keeps them in its settings file (created with the user's default permissions),
 * which the README says. Either way a key is never sent back to the renderer in full and never logged.
 */
export interface SecretStore {
  readonly encrypted: boolean;
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  delete(name: string): void;
}

export function settingsFileSecrets(kv: KeyValueStore): SecretStore {
  const all = () => (kv.get('secrets') as Record<string, string> | undefined) ?? {};
  return {
    encrypted: false,
    get: (name) => all()[name],
    set: (name, value) => kv.set('secrets', { ...all(), [name]: value }),
    delete: (name) => {
      const { [name]: _gone, ...rest } = all();
      kv.set('secrets', rest);
    },
  };
}

/** `••••1234`: enough for the user to recognise which key is stored, useless to anyone reading the screen. */
export function keyHint(key: string | undefined): string | null {
  if (!key) return null;
  return `••••${key.length > 8 ? key.slice(-4) : ''}`;
}
