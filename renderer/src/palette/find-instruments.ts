import { defaultFilter } from 'cmdk';
import { useCatalogue } from '../stores/catalogue.js';

export interface InstrumentHit {
  symbol: string;
  name: string;
  assetClass: 'stock' | 'crypto';
  currency: string;
  /** Where it was found: only the profile's catalogue for now. */
  source: 'catalogue';
}

const MAX_HITS = 8;

/**
 * The command palette's "find an instrument": today the profile's catalogue, ranked by the palette's own fuzzy
 * score (ticker first, then name). The one place to point at a wider instrument search: the palette only calls this.
 */
export async function findInstruments(query: string): Promise<InstrumentHit[]> {
  const q = query.trim();
  if (q === '') return [];
  const store = useCatalogue.getState();
  if (!store.instrumentsLoaded) await store.loadInstruments();
  return useCatalogue
    .getState()
    .instruments.map((i) => ({ i, score: Math.max(defaultFilter(i.symbol, q) * 1.5, defaultFilter(i.name, q)) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.i.symbol.localeCompare(b.i.symbol))
    .slice(0, MAX_HITS)
    .map(({ i }) => ({ symbol: i.symbol, name: i.name, assetClass: i.assetClass, currency: i.quoteCurrency, source: 'catalogue' as const }));
}
