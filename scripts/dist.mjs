// `npm run dist [-- electron-builder flags]`: a fresh build, the Electron-ABI better-sqlite3 (built beside
// node_modules, never in it), then electron-builder with npmRebuild off so the repo's Node build stays intact.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build, root } from './build.mjs';
import { prepareElectronSqlite } from './electron-native.mjs';

try {
  await build({ renderer: 'always', quiet: true });
  await prepareElectronSqlite();
} catch (err) {
  process.stderr.write(`npm run dist: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
const bin = join(root, 'node_modules/.bin', process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder');
const child = spawn(bin, ['--config', 'electron-builder.yml', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
child.on('exit', (code) => process.exit(code ?? 1));
