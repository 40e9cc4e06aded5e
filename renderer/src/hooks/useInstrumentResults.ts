import { useEffect, useState } from 'react';
import type { InstrumentMatch, SearchSource } from '../../../shared/contract/index.js';
import type { UiError } from '../api/client.js';
import { useInstrumentSearch } from '../stores/instrument-search.js';
import { useDebounced } from './useDebounced.js';

export interface InstrumentResults {
  /** The words these results are for ('' before any). */
  query: string;
  results: InstrumentMatch[];
  sources: SearchSource[];
  /** The providers' answers are still coming. */
  searching: boolean;
  error: UiError | null;
}

const EMPTY: InstrumentResults = { query: '', results: [], sources: [], searching: false, error: null };
/** The catalogue and the bundled list answer every keystroke (a few ms in main); the providers once typing pauses. */
const REMOTE_DELAY_MS = 300;

/**
 * Results for what is typed: first the catalogue's and the bundled list's, then the same merged with the providers'.
 * An answer for words no longer typed is dropped (its effect was cleaned up), so a slow provider never overwrites
 * newer results.
 */
export function useInstrumentResults(text: string): InstrumentResults {
  const query = text.trim();
  const local = query;
  const remote = useDebounced(query, REMOTE_DELAY_MS);
  const [fast, setFast] = useState<InstrumentResults>(EMPTY);
  const [full, setFull] = useState<InstrumentResults>(EMPTY);

  useEffect(() => {
    if (!local) return;
    let live = true;
    void useInstrumentSearch
      .getState()
      .find(local, false)
      .then((r) => {
        if (live) setFast(r.ok ? { query: local, results: r.data.results, sources: [], searching: true, error: null } : { ...EMPTY, query: local, error: r.error });
      });
    return () => {
      live = false;
    };
  }, [local]);

  useEffect(() => {
    if (!remote) return;
    let live = true;
    void useInstrumentSearch
      .getState()
      .find(remote, true)
      .then((r) => {
        if (live) setFull(r.ok ? { query: remote, results: r.data.results, sources: r.data.sources, searching: false, error: null } : { ...EMPTY, query: remote, error: r.error });
      });
    return () => {
      live = false;
    };
  }, [remote]);

  if (!query) return EMPTY;
  // The providers' answer for these words holds the most; else the instant one; else the last shown, still searching.
  if (full.query === query) return full;
  if (fast.query === query) return fast;
  const last = full.query && full.query === fast.query ? full : fast;
  return { ...last, searching: true };
}
