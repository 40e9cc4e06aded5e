import type { ComposeOptions } from '../../main/compose.js';
import { openConfStore } from '../../main/settings/conf-store.js';

/** The compose options every test app uses (same as tempApp): real settings file, low scrypt cost, quiet logger. */
export function testComposeOptions(dataDir: string, extra: Partial<ComposeOptions> = {}): ComposeOptions {
  return {
    dataDir,
    settings: openConfStore(dataDir),
    scryptCost: 1024,
    logger: { error: () => undefined },
    ...extra,
  };
}

/** A clock tests move by hand (idle lock, login backoff). Starts at the real time so stored timestamps look normal. */
export function fakeClock(start = Date.now()): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}
