import Conf from 'conf';
import type { KeyValueStore } from './key-value.js';

/** Settings file for the browser host and tests: `<dataDir>/settings.json`, written atomically by conf. */
export function openConfStore(dataDir: string): KeyValueStore {
  const conf = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'settings', projectName: 'bourse' });
  return { get: (k) => conf.get(k), set: (k, v) => conf.set(k, v), delete: (k) => conf.delete(k) };
}
