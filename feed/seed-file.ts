import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { FeedSymbol, PriceString } from '../shared/market.js';
import type { SeedPrice } from './seed-prices.js';

const SeedFile = z.record(FeedSymbol, z.object({ price: PriceString, currency: z.string().min(3).max(5) }));

/** Reads `{"BTC-USD": {"price": "65000.00", "currency": "USD"}, …}`; throws with the zod message when malformed. */
export function readSeedFile(path: string): Record<string, SeedPrice> {
  return SeedFile.parse(JSON.parse(readFileSync(path, 'utf8')));
}
