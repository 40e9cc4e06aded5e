import { BinanceUpstream, type BinanceOptions } from './upstream/binance.js';
import { CoinbaseUpstream, type CoinbaseOptions } from './upstream/coinbase.js';
import { FrankfurterPoller, type FrankfurterOptions } from './upstream/frankfurter.js';
import type { UpstreamAdapter, UpstreamSink, UpstreamState } from './upstream/types.js';
import { defaultRoute, type UpstreamName } from './routing.js';
import type { Simulator } from './simulator.js';
import type { UnsequencedTick } from './tick-book.js';

export interface RelayUpstreamOptions {
  binance?: BinanceOptions;
  coinbase?: CoinbaseOptions;
  frankfurter?: FrankfurterOptions;
  route?: (symbol: string) => UpstreamName | null;
}

export interface RelayHooks {
  tick(tick: UnsequencedTick): void;
  status(source: string, state: UpstreamState, detail?: string): void;
  malformed(): void;
  /** Called after the set of simulated symbols changed (the server reports the simulator's status). */
  simulationChanged(): void;
}

/**
 * Routes wanted symbols to upstream adapters (created on first use, so nobody connects to Coinbase unless a Coinbase
 * symbol is wanted) and, when given a simulator, covers for upstreams that are down — and for symbols no upstream
 * carries — with simulated ticks. A symbol leaves the simulation on its first real tick, not when the upstream merely
 * reconnects, so there is no gap between the last simulated and the first real price.
 */
export class Relay {
  private readonly adapters = new Map<UpstreamName, UpstreamAdapter>();
  private readonly wanted = new Map<UpstreamName, Set<string>>();
  private readonly down = new Set<UpstreamName>();
  private readonly route: (symbol: string) => UpstreamName | null;

  constructor(
    private readonly hooks: RelayHooks,
    private readonly opts: RelayUpstreamOptions,
    private readonly fallback: Simulator | null,
  ) {
    this.route = opts.route ?? defaultRoute;
  }

  want(symbols: readonly string[]): void {
    const touched = new Set<UpstreamName>();
    const unrouted: string[] = [];
    for (const s of symbols) {
      const name = this.route(s);
      if (!name) {
        unrouted.push(s);
        continue;
      }
      const set = this.wanted.get(name) ?? new Set<string>();
      if (set.has(s)) continue;
      set.add(s);
      this.wanted.set(name, set);
      touched.add(name);
    }
    for (const name of touched) {
      this.adapter(name).setSymbols([...(this.wanted.get(name) ?? [])]);
      if (this.down.has(name)) this.simulate([...(this.wanted.get(name) ?? [])]);
    }
    if (unrouted.length) this.simulate(unrouted);
  }

  /** Stops following symbols (a cluster node that lost their lease): their adapters unsubscribe, no fallback. */
  drop(symbols: readonly string[]): void {
    const touched = new Set<UpstreamName>();
    for (const s of symbols) {
      const name = this.route(s);
      if (name && this.wanted.get(name)?.delete(s)) touched.add(name);
    }
    for (const name of touched) this.adapters.get(name)?.setSymbols([...(this.wanted.get(name) ?? [])]);
    if (this.fallback && symbols.some((s) => this.fallback?.isActive(s))) {
      this.fallback.remove(symbols);
      this.hooks.simulationChanged();
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.adapters.values()].map((a) => a.close()));
  }

  private simulate(symbols: string[]): void {
    if (!this.fallback || symbols.length === 0) return;
    const before = this.fallback.activeSymbols().length;
    this.fallback.add(symbols);
    if (this.fallback.activeSymbols().length !== before) this.hooks.simulationChanged();
  }

  private adapter(name: UpstreamName): UpstreamAdapter {
    const existing = this.adapters.get(name);
    if (existing) return existing;
    const sink = this.sinkFor(name);
    const created =
      name === 'binance'
        ? new BinanceUpstream(sink, this.opts.binance)
        : name === 'coinbase'
          ? new CoinbaseUpstream(sink, this.opts.coinbase)
          : new FrankfurterPoller(sink, this.opts.frankfurter);
    this.adapters.set(name, created);
    return created;
  }

  private sinkFor(name: UpstreamName): UpstreamSink {
    return {
      tick: (tick) => {
        if (this.fallback) {
          this.fallback.setPrice(tick.symbol, { price: tick.price, currency: tick.currency });
          if (this.fallback.isActive(tick.symbol)) {
            this.fallback.remove([tick.symbol]);
            this.hooks.simulationChanged();
          }
        }
        this.hooks.tick(tick);
      },
      state: (state, detail) => {
        if (state === 'down') {
          this.down.add(name);
          this.simulate([...(this.wanted.get(name) ?? [])]);
        } else this.down.delete(name);
        this.hooks.status(name, state, detail);
      },
      malformed: () => this.hooks.malformed(),
    };
  }
}
