import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';

/**
 * The three Redis connections of a cluster node: `cmd` for leases and stamping (no offline queue: while Redis is away
 * a command fails at once instead of running late, after its lease may have moved), and the publish/subscribe pair of
 * socket.io's Redis adapter (which queue while away and resubscribe by themselves when Redis is back).
 */
export class RedisLink {
  readonly cmd: Redis;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly listeners = new Set<(up: boolean) => void>();
  private upNow = false;

  constructor(
    url: string,
    /** Key prefix of everything this cluster keeps in Redis (several clusters may share one Redis). */
    readonly prefix: string,
  ) {
    const retryStrategy = (times: number) => Math.min(100 * times, 1000);
    this.cmd = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy, lazyConnect: true });
    this.pub = new Redis(url, { retryStrategy, lazyConnect: true });
    this.sub = new Redis(url, { retryStrategy, lazyConnect: true });
    for (const c of [this.cmd, this.pub, this.sub]) c.on('error', () => undefined);
    this.cmd.on('ready', () => this.set(true));
    this.cmd.on('close', () => this.set(false));
  }

  get up(): boolean {
    return this.upNow;
  }

  /** Connects all three; rejects when Redis cannot be reached within `timeoutMs`. */
  async connect(timeoutMs = 10_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Redis unreachable')), timeoutMs);
    });
    try {
      await Promise.race([Promise.all([this.cmd.connect(), this.pub.connect(), this.sub.connect()]), timeout]);
    } catch (err) {
      this.disconnect();
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  adapter(): ReturnType<typeof createAdapter> {
    return createAdapter(this.pub, this.sub, { key: `${this.prefix}io` });
  }

  onState(fn: (up: boolean) => void): void {
    this.listeners.add(fn);
  }

  /** Checks Redis answers now (for /healthz). */
  async ping(): Promise<boolean> {
    try {
      return (await this.cmd.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  disconnect(): void {
    for (const c of [this.cmd, this.pub, this.sub]) c.disconnect();
  }

  /** Lets commands in flight (the adapter's unsubscribes on close) finish, then closes; cut short if Redis is away. */
  async quit(timeoutMs = 1000): Promise<void> {
    await Promise.all(
      [this.cmd, this.pub, this.sub].map(async (c) => {
        let timer: NodeJS.Timeout | undefined;
        const cut = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
        await Promise.race([c.quit().then(() => undefined, () => undefined), cut]);
        clearTimeout(timer);
        c.disconnect();
      }),
    );
  }

  private set(up: boolean): void {
    if (up === this.upNow) return;
    this.upNow = up;
    for (const fn of this.listeners) fn(up);
  }
}
