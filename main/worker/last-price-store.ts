import type { Tick } from '../../shared/market.js';

/** The last kept tick of a symbol plus when this client received it (for "age" when offline). */
export interface LastPrice extends Tick {
  receivedAt: number;
}

/**
 * Where the feed client keeps last prices across restarts, so the app can show them (with their age) offline.
 * `save` gets batches (the client flushes dirty symbols about once a second) so a SQLite implementation can write
 * them in one transaction. Either method may be sync or async.
 */
export interface LastPriceStore {
  load(): Promise<LastPrice[]> | LastPrice[];
  save(prices: readonly LastPrice[]): Promise<void> | void;
}

export class MemoryLastPriceStore implements LastPriceStore {
  readonly prices = new Map<string, LastPrice>();

  load(): LastPrice[] {
    return [...this.prices.values()];
  }

  save(prices: readonly LastPrice[]): void {
    for (const p of prices) this.prices.set(p.symbol, { ...p });
  }
}
