import { t } from '../i18n/index.js';
import { create } from 'zustand';
import type { InstrumentMatch, InstrumentView, SearchResults } from '../../../shared/contract/index.js';
import { call, type CallResult, type UiError } from '../api/client.js';
import { useCatalogue } from './catalogue.js';

/** How long an answer is reused for the same words: the catalogue's and the bundled list's briefly, the providers' longer. */
const LOCAL_TTL_MS = 30_000;
const REMOTE_TTL_MS = 5 * 60_000;
const CACHE_SIZE = 200;

type Answer = { ok: true; data: SearchResults } | { ok: false; error: UiError };
const cache = new Map<string, { at: number; answer: Promise<Answer> }>();

const keyOf = (query: string, remote: boolean) => `${remote ? 'r' : 'l'}:${query.trim().toLowerCase()}`;

interface InstrumentSearchStore {
  /** The last instrument picked through any search field (the command palette and forms may follow it). */
  lastPicked: InstrumentView | null;
  /**
   * Instruments matching the words: `remote: false` from the catalogue and the bundled list only (instant), else the
   * providers too. Answers are cached per words and shared by concurrent callers; the caller ignores superseded ones.
   */
  find(query: string, remote: boolean): Promise<Answer>;
  /** Puts a result in the catalogue (with its provider symbols; it is then watched and its history fetched). */
  pick(match: InstrumentMatch): Promise<CallResult<{ instrument: InstrumentView; added: boolean }>>;
  reset(): void;
}

export const useInstrumentSearch = create<InstrumentSearchStore>((set) => ({
  lastPicked: null,
  find(query, remote) {
    const key = keyOf(query, remote);
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < (remote ? REMOTE_TTL_MS : LOCAL_TTL_MS)) return hit.answer;
    const answer: Promise<Answer> = call('instruments:search', { query: query.trim(), remote }).then((r) => {
      if (!r.ok) cache.delete(key); // an error is not kept: the next keystroke asks again
      return r;
    });
    cache.delete(key);
    cache.set(key, { at: Date.now(), answer });
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return answer;
  },
  async pick(match) {
    if (match.currency === null) return { ok: false, error: { code: 'INVALID_INPUT', message: t('market:search.noCurrency', { symbol: match.symbol }) } as UiError };
    const r = await call('instruments:pick', { symbol: match.symbol, name: match.name, assetClass: match.assetClass, quoteCurrency: match.currency, providerSymbols: match.providerSymbols });
    if (r.ok) {
      cache.clear(); // "in the catalogue" changed for these words
      useCatalogue.getState().putInstrument(r.data.instrument);
      set({ lastPicked: r.data.instrument });
    }
    return r;
  },
  reset() {
    cache.clear();
    set({ lastPicked: null });
  },
}));

// Signing out resets the catalogue: answers naming one profile's instruments are not shown to the next.
useCatalogue.subscribe((s, prev) => {
  if (prev.instrumentsLoaded && !s.instrumentsLoaded) useInstrumentSearch.getState().reset();
});
