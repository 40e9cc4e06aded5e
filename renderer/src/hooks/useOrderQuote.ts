import { useEffect } from 'react';
import type { OrderQuote } from '../../../shared/contract/index.js';
import type { UiError } from '../api/client.js';
import { useQuote, type QuoteAsk } from '../stores/quote.js';
import { useDebounced } from './useDebounced.js';

export type { QuoteAsk };

const DEBOUNCE_MS = 250;

/**
 * The order form's live figures: the quote store follows what the form holds once the user stops typing. A quote
 * for another symbol than the one asked is not shown.
 */
export function useOrderQuote(ask: QuoteAsk | null): { quote: OrderQuote | null; error: UiError | null; loading: boolean } {
  const key = ask ? JSON.stringify(ask) : '';
  const settled = useDebounced(key, DEBOUNCE_MS);
  const { quote, error, loading } = useQuote();

  useEffect(() => {
    if (settled !== '') return useQuote.getState().follow(JSON.parse(settled) as QuoteAsk);
    useQuote.getState().reset();
  }, [settled]);
  // A form opened later starts without the figures of this one.
  useEffect(() => () => useQuote.getState().reset(), []);

  const current = ask && quote && quote.symbol === ask.symbol ? quote : null;
  return { quote: current, error: ask ? error : null, loading: loading || key !== settled };
}
