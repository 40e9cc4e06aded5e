import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CLI_PATH = fileURLToPath(new URL('../../dist/host/cli.js', import.meta.url));

export interface WebHost {
  /** http://127.0.0.1:<port>/?token=<token>, exactly as printed. */
  url: string;
  /** http://127.0.0.1:<port> */
  origin: string;
  token: string;
  port: number;
  pid: number;
  /** Everything the host wrote to stderr so far (for failure messages). */
  stderr(): string;
  /** SIGTERM, then wait for a clean exit (SIGKILL after `graceMs`). Resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
  /** SIGKILL, no waiting: a crash. */
  kill(): void;
  /** Resolves when the process has exited, however it ended. */
  exited: Promise<number | null>;
}

export interface SpawnWebHostOptions {
  dataDir: string;
  port?: number;
  /** Extra environment (e.g. BOURSE_DATA_DIR); the parent's environment is inherited. */
  env?: NodeJS.ProcessEnv;
  /** How long to wait for the `Bourse web:` line. */
  startTimeoutMs?: number;
  /** Another build's `dist/host/cli.js` (a benchmark comparing two trees); default this tree's. */
  cliPath?: string;
  /** Node options before the script (`--cpu-prof` is refused in NODE_OPTIONS). */
  nodeArgs?: string[];
}

const LINE = /^Bourse web: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([^\s]+))$/m;

/**
 * Runs the built browser host (`node dist/host/cli.js`) as a child process, the way `npm run web` does after its
 * build, and resolves once it printed its `Bourse web: <url>` line. Needs `npm run build` (or
 * `node scripts/build.mjs --bundles-only` for the API alone) first.
 */
export function spawnWebHost(opts: SpawnWebHostOptions): Promise<WebHost> {
  const cli = opts.cliPath ?? CLI_PATH;
  if (!existsSync(cli)) {
    return Promise.reject(new Error(`${cli} is missing: run \`npm run build\` first`));
  }
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), cli, '--port', String(opts.port ?? 0), '--data-dir', opts.dataDir], {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

  return new Promise<WebHost>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the web host did not print its address within ${opts.startTimeoutMs ?? 30_000} ms\n${stderr}`));
    }, opts.startTimeoutMs ?? 30_000);
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      reject(new Error(`the web host exited before it was ready (code ${code}, signal ${signal})\n${stderr}`));
    };
    child.once('exit', onExit);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const m = LINE.exec(stdout);
      if (!m) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve(handle(child, m[1]!, Number(m[2]), decodeURIComponent(m[3]!), exited, () => stderr));
    });
  });
}

function handle(
  child: ChildProcess,
  url: string,
  port: number,
  token: string,
  exited: Promise<number | null>,
  stderr: () => string,
): WebHost {
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    url,
    origin: `http://127.0.0.1:${port}`,
    token,
    port,
    pid: child.pid ?? -1,
    stderr,
    exited,
    async stop(graceMs = 10_000) {
      if (!alive()) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (alive()) child.kill('SIGKILL');
      }, graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
    kill() {
      if (alive()) child.kill('SIGKILL');
    },
  };
}

/**
 * A call to a running host's API with its token, for what an E2E test sets up without the UI (a catalogue entry,
 * activities at past dates); throws on an error answer.
 */
export async function invokeOn<T>(host: Pick<WebHost, 'origin' | 'token'>, channel: string, payload: unknown): Promise<T> {
  const res = await fetch(`${host.origin}/api/invoke`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ channel, payload }),
  });
  const body = (await res.json()) as { ok: boolean; data?: T; error?: unknown };
  if (!body.ok) throw new Error(`${channel}: ${JSON.stringify(body.error)}`);
  return body.data as T;
}
