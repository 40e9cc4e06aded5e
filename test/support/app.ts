import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose, type App } from '../../main/compose.js';
import { openConfStore } from '../../main/settings/conf-store.js';

/** A real app on a fresh temp folder (real SQLite files, real settings file). Low scrypt cost keeps tests quick. */
export async function tempApp(dir?: string): Promise<{ app: App; dir: string; cleanup: () => Promise<void> }> {
  const dataDir = dir ?? mkdtempSync(join(tmpdir(), 'bourse-test-'));
  const app = await compose({
    dataDir,
    settings: openConfStore(dataDir),
    scryptCost: 1024,
    logger: { error: () => undefined },
  });
  return {
    app,
    dir: dataDir,
    cleanup: async () => {
      await app.close();
      if (!dir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let n = 0;
export function key(prefix = 'k'): string {
  n += 1;
  return `${prefix}-${process.pid}-${Date.now()}-${n}`;
}

export async function ok<T>(p: Promise<{ ok: boolean; data?: unknown; error?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r.data as T;
}
