import { z } from 'zod';
import { CurrencyCode } from './common.js';
import { InstrumentName, InstrumentSymbol, InstrumentView, ProviderSymbols } from './catalogue.js';

/** How a result matched the words typed, best first. */
export const SearchMatch = z.enum(['ticker', 'isin', 'prefix', 'name', 'related']);
export type SearchMatch = z.infer<typeof SearchMatch>;

/**
 * One instrument found: the same instrument named by several sources is one result, with each provider's own symbol.
 * `instrumentId` is set when it is already in the catalogue. `currency` is null when no source said it (it cannot be
 * added until one does).
 */
export const InstrumentMatch = z.object({
  symbol: z.string(),
  name: z.string(),
  assetClass: z.enum(['stock', 'crypto']),
  type: z.string(),
  exchange: z.string().nullable(),
  currency: z.string().nullable(),
  isin: z.string().nullable(),
  providerSymbols: z.record(z.string(), z.string()),
  /** Where it was found: 'catalogue', 'bundled' or provider ids. */
  from: z.array(z.string()),
  instrumentId: z.number().nullable(),
  match: SearchMatch,
});
export type InstrumentMatch = z.infer<typeof InstrumentMatch>;

/** ok: answered (maybe with nothing); down: failing or paused; rate-limited: asked us to wait; offline: unreachable. */
export const SearchSourceState = z.enum(['ok', 'down', 'rate-limited', 'offline']);
export const SearchSource = z.object({ provider: z.string(), name: z.string(), state: SearchSourceState, message: z.string() });
export type SearchSource = z.infer<typeof SearchSource>;

export const SearchResults = z.object({ results: z.array(InstrumentMatch), sources: z.array(SearchSource) });
export type SearchResults = z.infer<typeof SearchResults>;

export const searchChannels = {
  /**
   * Finds instruments by ticker, name or ISIN. `remote: false` answers from the catalogue and the bundled list only
   * (what a keystroke shows at once); otherwise the providers' search endpoints are asked too, and `sources` says
   * how each one answered.
   */
  'instruments:search': {
    auth: 'session',
    request: z.strictObject({ query: z.string().trim().min(1).max(64), remote: z.boolean().optional(), limit: z.number().int().min(1).max(50).optional() }),
    response: SearchResults,
  },
  /**
   * Adds a found instrument to the catalogue with its provider symbols (its quote currency too, when the catalogue
   * lacks it), which also puts it on the watchlist and starts its history's backfill. Already there: the catalogue's
   * instrument, with provider symbols it lacked filled in.
   */
  'instruments:pick': {
    auth: 'session',
    request: z.strictObject({
      symbol: InstrumentSymbol,
      name: InstrumentName,
      assetClass: z.enum(['stock', 'crypto']),
      quoteCurrency: CurrencyCode,
      providerSymbols: ProviderSymbols.optional(),
    }),
    response: z.object({ instrument: InstrumentView, added: z.boolean() }),
  },
} as const;
