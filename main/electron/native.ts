import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * better_sqlite3.node built for Electron's ABI (scripts/electron-native.mjs). It lives outside node_modules/
 * better-sqlite3, which keeps the Node build the tests use: in development under node_modules/.cache (start.mjs also
 * passes it in BOURSE_ELECTRON_SQLITE), in a package under resources/native (electron-builder.yml extraResources).
 * Undefined means "let better-sqlite3 find its own", which only works if that one was built for Electron.
 */
export function electronSqliteBinding(isPackaged: boolean, resourcesPath: string): string | undefined {
  const candidates = isPackaged
    ? [join(resourcesPath, 'native', 'better_sqlite3.node')]
    : [
        process.env.BOURSE_ELECTRON_SQLITE,
        fileURLToPath(
          new URL('../../node_modules/.cache/bourse-electron/node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node', import.meta.url),
        ),
      ];
  return candidates.find((p): p is string => typeof p === 'string' && p !== '' && existsSync(p));
}
