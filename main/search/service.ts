import type { InstrumentView } from '../../shared/contract/catalogue.js';
import type { SearchResults, SearchSource } from '../../shared/contract/search.js';
import type { ProviderRegistry, SearchOutcome } from '../providers/registry.js';
import type { ProviderId } from '../providers/types.js';
import type { OfflineList } from './offline-list.js';
import { keyOf, matchOf, mergeAndRank, preselect, prepareQuery, type Candidate } from './rank.js';
import { sourceOf } from './views.js';

/** A provider's answer to the same words is reused this long (typing back and forth asks again and again). */
const REMOTE_TTL_MS = 10 * 60_000;
const REMOTE_CACHE_SIZE = 500;
const DEFAULT_LIMIT = 20;
const ISIN = /^[A-Z]{2}[A-Z0-9]{9}\d$/;

export interface SearchOptions {
  remote?: boolean;
  limit?: number;
}

/**
 * Finds instruments by ticker, name or ISIN in the profile's catalogue, the bundled offline list and, unless asked
 * not to, every enabled provider's search endpoint (through the registry: breaker, Retry-After, token bucket). A
 * provider that fails leaves its results out and says why in `sources`; the others' results still come back.
 */
export class InstrumentSearch {
  private readonly cache = new Map<string, { at: number; outcome: SearchOutcome }>();
  private readonly inFlight = new Map<string, Promise<SearchOutcome>>();

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly offline: OfflineList,
    private readonly now: () => number = Date.now,
  ) {
    void offline.load().catch(() => undefined); // read once at start, not on the first keystroke; a failure shows on use
  }

  async search(instruments: readonly InstrumentView[], text: string, opts: SearchOptions = {}): Promise<SearchResults> {
    const q = prepareQuery(text);
    // An ISIN names a security: the crypto providers are not asked (their searches are the scarcest).
    const isin = ISIN.test(q.upper);
    const providers = opts.remote === false ? [] : this.registry.searchProviders().filter((p) => !isin || this.registry.adapter(p)?.assetClasses.includes('stock'));
    const [bundled, outcomes] = await Promise.all([this.offline.find(q), Promise.all(providers.map((p) => this.remote(p, text)))]);
    const found: Candidate[] = [];
    for (const o of outcomes) {
      for (const h of o.hits) {
        found.push({ symbol: h.symbol, name: h.name, assetClass: h.assetClass, type: h.type, exchange: h.exchange, currency: h.currency, isin: h.isin, providerSymbols: { [o.provider]: h.providerSymbol }, from: o.provider });
      }
    }
    const named = new Set([...found, ...bundled].map(keyOf));
    const own: Candidate[] = [];
    for (const i of instruments) {
      const c: Candidate = { symbol: i.symbol, name: i.name, assetClass: i.assetClass, type: '', currency: i.quoteCurrency, providerSymbols: i.providerSymbols, from: 'catalogue', instrumentId: i.id };
      if (named.has(keyOf(c)) || matchOf(q, c)) own.push(c);
    }
    const limit = opts.limit ?? DEFAULT_LIMIT;
    const elsewhere = new Set([...own, ...found].map(keyOf));
    found.unshift(...preselect(q, bundled, limit * 3, elsewhere));
    const sources: SearchSource[] = outcomes.map((o) => sourceOf(o, this.registry.adapter(o.provider)?.name ?? o.provider));
    return { results: mergeAndRank(q, [...own, ...found], limit), sources };
  }

  /** One provider's answer: from the cache when fresh, shared with a request already asking the same. */
  private async remote(provider: ProviderId, text: string): Promise<SearchOutcome> {
    const key = `${provider}\n${text.trim().toLowerCase()}`;
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at < REMOTE_TTL_MS) return hit.outcome;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const p = this.registry
      .search(provider, text.trim())
      .then((outcome) => {
        if (outcome.state === 'ok') {
          this.cache.delete(key);
          this.cache.set(key, { at: this.now(), outcome });
          if (this.cache.size > REMOTE_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
        }
        return outcome;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, p);
    return p;
  }
}
