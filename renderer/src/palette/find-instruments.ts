import type { InstrumentMatch } from '../../../shared/contract/index.js';
import { useInstrumentResults } from '../hooks/useInstrumentResults.js';
import { useCatalogue } from '../stores/catalogue.js';
import { useInstrumentSearch } from '../stores/instrument-search.js';

export interface InstrumentHit {
  symbol: string;
  name: string;
  assetClass: 'stock' | 'crypto';
  /** Null when no source said which currency it trades in: it cannot be traded until one does. */
  currency: string | null;
  inCatalogue: boolean;
  match: InstrumentMatch;
}

export interface FoundInstruments {
  hits: InstrumentHit[];
  /** The providers' answers are still coming. */
  searching: boolean;
  /** A data source that did not answer, in words. */
  problems: string[];
}

const MAX_HITS = 8;

/**
 * The command palette's "find an instrument": the same `instruments:search` as every search field (the catalogue,
 * the bundled list and the providers, merged and ranked in main/search), through the same hook, so the palette shows
 * what the field shows, in its order: the catalogue and the bundled list at each keystroke, the providers once
 * typing pauses, an answer for words no longer typed dropped. No ranking here.
 */
export function useFoundInstruments(query: string): FoundInstruments {
  const found = useInstrumentResults(query);
  // Only the answer for the words typed now: a hit kept from earlier words ("record activit") could be the active item
  // when Enter comes and trade an instrument the user never asked for.
  const current = found.query === query.trim();
  return {
    hits: (current ? found.results : []).slice(0, MAX_HITS).map((m) => ({ symbol: m.symbol, name: m.name, assetClass: m.assetClass, currency: m.currency, inCatalogue: m.instrumentId !== null, match: m })),
    searching: found.searching,
    problems: found.sources.filter((s) => s.state !== 'ok').map((s) => `${s.name} ${s.message}`),
  };
}

/**
 * The catalogue symbol to trade a hit under: the catalogue's own when it is there, else the hit is added first (with
 * its provider symbols, which also watches it and fetches its history).
 */
export async function tradeableSymbol(hit: InstrumentHit): Promise<{ ok: true; symbol: string } | { ok: false; message: string }> {
  if (hit.match.instrumentId !== null) {
    const own = useCatalogue.getState().instruments.find((i) => i.id === hit.match.instrumentId);
    if (own) return { ok: true, symbol: own.symbol };
  }
  const r = await useInstrumentSearch.getState().pick(hit.match);
  return r.ok ? { ok: true, symbol: r.data.instrument.symbol } : { ok: false, message: r.error.message };
}
