import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { Tick } from '../../shared/market.js';
import type { LastPrice, LastPriceStore } from './last-price-store.js';

const Stored = z.array(Tick.extend({ receivedAt: z.number() }));

/**
 * Last prices in one JSON file (tests and the standalone tools; the app uses the SQLite store). Written to a temp
 * file and renamed, so a crash mid-write leaves the previous file intact; an unreadable file loads as empty rather
 * than stopping the feed.
 */
export class JsonFileLastPriceStore implements LastPriceStore {
  private readonly prices = new Map<string, LastPrice>();
  private loaded = false;

  constructor(private readonly path: string) {}

  load(): LastPrice[] {
    this.ensureLoaded();
    return [...this.prices.values()];
  }

  save(prices: readonly LastPrice[]): void {
    this.ensureLoaded();
    for (const p of prices) this.prices.set(p.symbol, { ...p });
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify([...this.prices.values()], null, 1));
    renameSync(tmp, this.path);
  }

  private ensureLoaded(): void {
    if (this.loaded) return;
    this.loaded = true;
    if (!existsSync(this.path)) return;
    try {
      const parsed = Stored.safeParse(JSON.parse(readFileSync(this.path, 'utf8')));
      if (parsed.success) for (const p of parsed.data) this.prices.set(p.symbol, p);
    } catch {
      // Corrupt file: start empty; the next save replaces it.
    }
  }
}
