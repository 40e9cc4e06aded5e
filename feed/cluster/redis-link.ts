import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';

/**
 * The four Redis connections of a cluster node: `cmd` for leases and stamping (no offline queue: while Redis is away
 * a command fails at once instead of running late, after its lease may have moved), the publish/subscribe pair of
 * socket.io's Redis adapter (node-to-node events: upstream states, new wanted symbols), and `ticks`, subscribed to the
 * channel the stamp script publishes every stamped batch on (feed/cluster/stamper.ts). The subscribers resubscribe by
 * themselves when Redis is back.
 */
export class RedisLink {
  readonly cmd: Redis;
  /** Subscribed to `tickChannel`; its `message` events carry the stamped batches (tests pause its stream). */
  readonly ticks: Redis;
  readonly tickChannel: string;
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
    this.ticks = new Redis(url, { retryStrategy, lazyConnect: true });
    this.tickChannel = `${prefix}ticks`;
    for (const c of this.all()) c.on('error', () => undefined);
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
      const subscribed = this.ticks.connect().then(() => this.ticks.subscribe(this.tickChannel));
      await Promise.race([Promise.all([this.cmd.connect(), this.pub.connect(), this.sub.connect(), subscribed]), timeout]);
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

  /** Every stamped batch published in the cluster (a JSON array of ticks), in stamp order. */
  onTicks(fn: (json: string) => void): void {
    this.ticks.on('message', (channel: string, message: string) => {
      if (channel === this.tickChannel) fn(message);
    });
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
    for (const c of this.all()) c.disconnect();
  }

  /** Lets commands in flight (the adapter's unsubscribes on close) finish, then closes; cut short if Redis is away. */
  async quit(timeoutMs = 1000): Promise<void> {
    await Promise.all(
      this.all().map(async (c) => {
        let timer: NodeJS.Timeout | undefined;
        const cut = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
        await Promise.race([c.quit().then(() => undefined, () => undefined), cut]);
        clearTimeout(timer);
        c.disconnect();
      }),
    );
  }

  private all(): Redis[] {
    return [this.cmd, this.pub, this.sub, this.ticks];
  }

  private set(up: boolean): void {
    if (up === this.upNow) return;
    this.upNow = up;
    for (const fn of this.listeners) fn(up);
  }
}
