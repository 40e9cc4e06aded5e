// `npm start`: the desktop app. Offline installs (ELECTRON_SKIP_BINARY_DOWNLOAD=1) have no Electron binary; then this
// says so and points to the browser host instead of failing somewhere deep inside Electron.
import { spawn } from 'node:child_process';
import { build, root } from './build.mjs';
import { electronBinary, prepareElectronSqlite } from './electron-native.mjs';

const electron = electronBinary();
if (!electron) {
  process.stderr.write(
    'The Electron binary is not installed (it was skipped, e.g. with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or could not be\n' +
      'downloaded), so the desktop app cannot start here.\n' +
      'Run Bourse in your browser instead:  npm run web\n' +
      'To get the desktop app, unset ELECTRON_SKIP_BINARY_DOWNLOAD and, with network access:  npm rebuild electron\n',
  );
  process.exit(1);
}

try {
  await build({ renderer: 'auto', quiet: true });
} catch (err) {
  process.stderr.write(`Build failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}

let binding;
try {
  binding = await prepareElectronSqlite();
} catch (err) {
  process.stderr.write(
    `Could not build better-sqlite3 for Electron: ${err instanceof Error ? err.message : String(err)}\n` +
      'This needs a C++ toolchain and the Electron headers (downloaded from electronjs.org). `npm run web` needs neither.\n',
  );
  process.exit(1);
}

// "." makes Electron read package.json (main: dist/electron/main.js, productName: Bourse) as a packaged app would.
const env = { ...process.env, BOURSE_ELECTRON_SQLITE: binding };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electron, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
