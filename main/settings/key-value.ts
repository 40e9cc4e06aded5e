/**
 * The small surface Bourse needs from a settings file. `conf` (browser host) and `electron-store` (desktop, a subclass
 * of conf) both provide it, so services never know which one they run on.
 */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}
