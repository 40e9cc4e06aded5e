import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import type { Tick } from '../../shared/market.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface NodeProcess {
  url: string;
  node: string;
  proc: ChildProcess;
  /** SIGKILL: no lease is given back, no client is told. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `npm run feed` (feed/cli.ts) as its own process and resolves with the URL it prints; `execArgv` goes to node
 *  (the benchmark's `--cpu-prof`). */
export async function spawnFeedNode(args: string[], env: NodeJS.ProcessEnv = {}, execArgv: string[] = []): Promise<NodeProcess> {
  const node = args[args.indexOf('--node') + 1] ?? 'node';
  const proc = spawn(process.execPath, [...execArgv, '--import', 'tsx', 'feed/cli.ts', '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let ending = false;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`feed node did not start:\n${out}`)), 30_000);
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Bourse feed: (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`feed node exited with ${code}:\n${out}`));
    });
  });
  // A node that dies unasked (a crash under a benchmark's load) says why.
  proc.once('exit', (code, signal) => {
    if (!ending) process.stderr.write(`feed node ${node} exited unasked (${code ?? signal}):\n${out.slice(-4000)}\n`);
  });
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      ending = true;
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill(signal);
    });
  return { url, node, proc, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}

/**
 * A bare socket.io client that checks the feed's promise to every client: per symbol, no `tick` ever repeats or goes
 * back in seq, and no snapshot is older than a tick already seen, across its whole life. On losing its node it moves
 * to the next URL itself and subscribes again, as the app's client does, but without the app client's seq filter,
 * which would hide a server that broke the promise.
 */
export class SeqFollower {
  readonly last = new Map<string, number>();
  readonly violations: string[] = [];
  /** Ticks received per URL (to see which node it was on). */
  readonly ticksBy = new Map<string, number>();
  ticks = 0;
  lastTickAt = 0;
  connects = 0;
  private socket: Socket | null = null;
  private index: number;
  private closed = false;

  constructor(
    private readonly urls: string[],
    private readonly symbols: string[],
    start = 0,
    private readonly token: string | null = null,
  ) {
    this.index = start % urls.length;
  }

  get url(): string {
    return this.urls[this.index] as string;
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  connect(): void {
    const url = this.url;
    const s = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      ...(this.token ? { auth: { token: this.token } } : {}),
    });
    this.socket = s;
    s.on('connect', () => {
      this.connects++;
      s.emit('subscribe', { symbols: this.symbols }, (ack: { ok: boolean; snapshot?: Tick[] }) => {
        for (const t of ack.snapshot ?? []) {
          const seen = this.last.get(t.symbol);
          if (seen !== undefined && t.seq < seen) this.violations.push(`snapshot ${t.symbol} ${t.seq} after ${seen} (${url})`);
          else this.last.set(t.symbol, t.seq);
        }
      });
    });
    const take = (t: Tick) => {
      const seen = this.last.get(t.symbol);
      if (seen !== undefined && t.seq <= seen) this.violations.push(`tick ${t.symbol} ${t.seq} after ${seen} (${url})`);
      this.last.set(t.symbol, Math.max(seen ?? 0, t.seq));
      this.ticks++;
      this.ticksBy.set(url, (this.ticksBy.get(url) ?? 0) + 1);
      this.lastTickAt = Date.now();
    };
    s.on('tick', take);
    s.on('ticks', (ts: Tick[]) => ts.forEach(take));
    const next = () => {
      if (this.closed || s !== this.socket) return;
      s.removeAllListeners();
      s.disconnect();
      this.index = (this.index + 1) % this.urls.length;
      setTimeout(() => !this.closed && this.connect(), 100);
    };
    s.on('disconnect', next);
    s.on('connect_error', next);
  }

  close(): void {
    this.closed = true;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
  }
}

/** Reads one metric's value from a node's /metrics (Prometheus text). */
export async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`no ${name} in /metrics`);
  return Number(line.split(' ')[1]);
}
