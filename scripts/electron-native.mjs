// better-sqlite3-multiple-ciphers (the SQLite binding, main/store/sqlite.ts) compiled for Electron's ABI, kept in a
// folder of its own. node_modules/better-sqlite3-multiple-ciphers keeps the Node
// build that `npm test` and `npm run web` load; rebuilding it in place (what electron-builder's npmRebuild and a plain
// @electron/rebuild do) would break those until the next `npm rebuild`.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { root } from './build.mjs';

const require = createRequire(import.meta.url);

/** The same path main/electron/native.ts looks at, and electron-builder.yml copies into the package. */
export const cacheDir = join(root, 'node_modules/.cache/bourse-electron');
export const electronSqlitePath = join(cacheDir, 'node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node');

/** The Electron executable, or null when the binary was never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1). */
export function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const version = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;

/** Builds (once per Electron / better-sqlite3 version) and returns the path of the Electron-ABI binding. */
export async function prepareElectronSqlite() {
  const electronVersion = version(join(root, 'node_modules/electron'));
  const sqliteDir = join(root, 'node_modules/better-sqlite3-multiple-ciphers');
  const sqliteVersion = version(sqliteDir);
  const stampFile = join(cacheDir, 'stamp.json');
  const stamp = JSON.stringify({ electronVersion, sqliteVersion, platform: process.platform, arch: process.arch });
  if (existsSync(electronSqlitePath) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    return electronSqlitePath;
  }

  process.stderr.write(`Building better-sqlite3-multiple-ciphers ${sqliteVersion} for Electron ${electronVersion} (once)…\n`);
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(join(cacheDir, 'node_modules'), { recursive: true });
  // @electron/rebuild walks a project's dependencies, so the copy gets a tiny project around it.
  writeFileSync(
    join(cacheDir, 'package.json'),
    JSON.stringify({ name: 'bourse-electron-native', private: true, dependencies: { 'better-sqlite3-multiple-ciphers': sqliteVersion } }),
  );
  // Sources only: the Node build in build/ must not pass for an up-to-date Electron one.
  cpSync(sqliteDir, join(cacheDir, 'node_modules/better-sqlite3-multiple-ciphers'), {
    recursive: true,
    filter: (src) => !relative(sqliteDir, src).split(sep).includes('build'),
  });
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: cacheDir, electronVersion, onlyModules: ['better-sqlite3-multiple-ciphers'], force: true, mode: 'sequential' });
  if (!existsSync(electronSqlitePath)) throw new Error(`the rebuild finished but ${electronSqlitePath} is missing`);
  writeFileSync(stampFile, stamp);
  return electronSqlitePath;
}
