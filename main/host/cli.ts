import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCli, USAGE, type CliOptions } from './args.js';
import { startHost, type Host } from './server.js';
import { workerThreadLink } from '../worker/links.js';
import type { ProvidersConfig } from '../providers/config.js';

/** The bundled worker sits next to this bundle (dist/worker/entry.js beside dist/host/cli.js). */
function backgroundWorker(providers: ProvidersConfig) {
  return workerThreadLink(new URL('../worker/entry.js', import.meta.url), { providers });
}

/** Works both bundled (dist/host/cli.js next to dist/renderer) and from source (main/host/cli.ts under tsx). */
function rendererDir(): string {
  const candidates = ['../renderer', '../../dist/renderer'].map((rel) => fileURLToPath(new URL(rel, import.meta.url)));
  return candidates.find((dir) => existsSync(resolve(dir, 'index.html'))) ?? candidates[0]!;
}

async function main(): Promise<void> {
  let opts: CliOptions;
  try {
    opts = parseCli(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const distDir = rendererDir();
  if (!existsSync(resolve(distDir, 'index.html'))) {
    process.stderr.write(`Warning: no built renderer in ${distDir}; run \`npm run build\`. The API still works.\n`);
  }
  let host: Host;
  try {
    host = await startHost({ dataDir: opts.dataDir, port: opts.port, distDir, startWorker: backgroundWorker });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? `port ${opts.port} is already in use` : err instanceof Error ? err.message : String(err);
    process.stderr.write(`Bourse web could not start: ${why}\n`);
    process.exit(1);
  }
  // The one line on stdout: scripts and tests wait for it, and the URL carries the per-launch token.
  process.stdout.write(`Bourse web: ${host.url}\n`);

  let stopping = 0;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C means "now": skip the graceful close. But conf's atomic writer (when-exit) re-raises the
      // first signal at once after its own cleanup, so a repeat within a second is that echo, not the user.
      if (Date.now() - stopping > 1000) process.exit(130);
      return;
    }
    stopping = Date.now();
    host
      .close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        process.stderr.write(`Bourse web: error while stopping on ${signal}: ${String(err)}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
