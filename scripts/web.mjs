// `npm run web -- [--port <n|0>] [--data-dir <dir>]`: builds what is missing or stale, then runs the browser host in
// this same process (its CLI reads the same argv and handles SIGINT/SIGTERM itself).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, root } from './build.mjs';

try {
  await build({ renderer: 'auto', quiet: true });
} catch (err) {
  process.stderr.write(`Build failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
await import(pathToFileURL(join(root, 'dist/host/cli.js')).href);
