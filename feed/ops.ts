import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Gauge, Registry } from 'prom-client';
import type { FeedStatus } from '../shared/market.js';

export interface OpsView {
  node: string;
  /** null: not in a cluster (known when the server starts). */
  redisUp: () => boolean | null;
  /** Asks Redis itself (for /healthz); null: not in a cluster. */
  pingRedis: () => Promise<boolean | null>;
  /** Ticks this node produced, and deliveries to its clients, since it started. */
  ticksIn: () => number;
  ticksOut: () => number;
  clients: () => number;
  subscriptions: () => number;
  leasesHeld: () => number;
  statuses: () => FeedStatus[];
}

/** Per-second rates over the last few seconds, for dashboards that do not run PromQL's rate(). */
const RATE_WINDOW_MS = 5000;

/**
 * `/healthz` (JSON; 200 when Redis answers or there is no Redis, else 503) and `/metrics` (Prometheus text, one
 * registry per server so several servers in one process, as in tests, keep their own figures).
 */
export class FeedOps {
  readonly registry = new Registry();
  private readonly samples: Array<{ at: number; inTotal: number; outTotal: number }> = [];

  constructor(private readonly view: OpsView) {
    // The first scrape's rate counts from here.
    this.samples.push({ at: Date.now(), inTotal: view.ticksIn(), outTotal: view.ticksOut() });
    const registers = [this.registry];
    const total = (name: string, help: string, read: () => number) =>
      new Counter({
        name,
        help,
        registers,
        collect: function () {
          this.reset();
          this.inc(read());
        },
      });
    total('bourse_feed_ticks_in_total', 'Ticks this node produced (stamped and sent to the cluster).', view.ticksIn);
    total('bourse_feed_ticks_out_total', "Tick deliveries to this node's clients (one tick to two clients counts twice).", view.ticksOut);
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- prom-client calls collect with the metric as `this`
    const ops = this;
    new Gauge({ name: 'bourse_feed_ticks_in_per_second', help: `Ticks produced per second over the last ${RATE_WINDOW_MS / 1000} s.`, registers, collect: function () { this.set(ops.perSecond('in')); } });
    new Gauge({ name: 'bourse_feed_ticks_out_per_second', help: `Deliveries per second over the last ${RATE_WINDOW_MS / 1000} s.`, registers, collect: function () { this.set(ops.perSecond('out')); } });
    new Gauge({ name: 'bourse_feed_clients', help: 'Connected clients on this node.', registers, collect: function () { this.set(view.clients()); } });
    new Gauge({ name: 'bourse_feed_subscriptions', help: 'Symbol subscriptions of this node\'s clients.', registers, collect: function () { this.set(view.subscriptions()); } });
    new Gauge({ name: 'bourse_feed_leases_held', help: 'Upstream leases this node holds (0 outside a cluster).', registers, collect: function () { this.set(view.leasesHeld()); } });
    if (view.redisUp() !== null) {
      new Gauge({
        name: 'bourse_feed_redis_up',
        help: '1 when this node is connected to Redis, 0 when not (only on cluster nodes).',
        registers,
        collect: function () {
          this.set(view.redisUp() ? 1 : 0);
        },
      });
    }
    new Gauge({
      name: 'bourse_feed_upstream_state',
      help: 'Upstream state as this node knows it: 1 for the current state of each source.',
      labelNames: ['source', 'state'],
      registers,
      collect: function () {
        this.reset();
        for (const s of view.statuses()) for (const state of ['live', 'stale', 'down'] as const) this.set({ source: s.source, state }, s.state === state ? 1 : 0);
      },
    });
  }

  /**
   * Ticks in or out per second since the newest sample at least RATE_WINDOW_MS old (or the oldest there is): a scrape
   * every 15 s gives the rate over those 15 s, a scrape every second the rate over the last 5 s.
   */
  perSecond(which: 'in' | 'out'): number {
    const now = Date.now();
    const inTotal = this.view.ticksIn();
    const outTotal = this.view.ticksOut();
    const samples = this.samples;
    if ((samples.at(-1)?.at ?? -1) < now) samples.push({ at: now, inTotal, outTotal });
    while (samples.length > 1 && (samples[1]?.at ?? now) <= now - RATE_WINDOW_MS) samples.shift();
    const base = samples[0];
    if (!base || base.at >= now) return 0;
    const delta = which === 'in' ? inTotal - base.inTotal : outTotal - base.outTotal;
    return Math.round((delta * 1000) / (now - base.at));
  }

  /** Answers /healthz and /metrics; false for any other path (socket.io handles its own). */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || (path !== '/healthz' && path !== '/metrics')) return false;
    void (path === '/metrics' ? this.metrics(res) : this.health(res)).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
    return true;
  }

  private async metrics(res: ServerResponse): Promise<void> {
    const body = await this.registry.metrics();
    res.writeHead(200, { 'Content-Type': this.registry.contentType }).end(body);
  }

  private async health(res: ServerResponse): Promise<void> {
    const redis = await this.view.pingRedis();
    const ok = redis !== false;
    const body = {
      ok,
      node: this.view.node,
      redis: redis === null ? 'none' : redis ? 'up' : 'down',
      clients: this.view.clients(),
      leases: this.view.leasesHeld(),
      upstreams: this.view.statuses(),
    };
    res.writeHead(ok ? 200 : 503, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  }
}
