import { useEffect, useRef, useState } from 'react';
import type { OrderQuote, Request } from '../../../shared/contract/index.js';
import { api, call, type UiError } from '../api/client.js';
import { throttle } from '../api/throttle.js';
import { useDebounced } from './useDebounced.js';

export type QuoteAsk = Request<'orders:quote'>;

const DEBOUNCE_MS = 250;
/** Even without ticks the quote is read again now and then, so "Stale" appears when the feed goes quiet. */
const REFRESH_MS = 5000;

/**
 * The order form's live figures: `orders:quote` for what the form holds, asked again after the user stops typing,
 * when a tick for the symbol arrives (at most once a second) and every few seconds. Answers to older asks are dropped.
 */
export function useOrderQuote(ask: QuoteAsk | null): { quote: OrderQuote | null; error: UiError | null; loading: boolean } {
  const key = ask ? JSON.stringify(ask) : '';
  const settled = useDebounced(key, DEBOUNCE_MS);
  const [quote, setQuote] = useState<OrderQuote | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    if (settled === '') {
      setQuote(null);
      setError(null);
      return;
    }
    const payload = JSON.parse(settled) as QuoteAsk;
    let live = true;
    const fetchQuote = async () => {
      const mine = ++seq.current;
      setLoading(true);
      const r = await call('orders:quote', payload);
      if (!live || mine !== seq.current) return;
      setLoading(false);
      if (r.ok) {
        setQuote(r.data);
        setError(null);
      } else {
        setError(r.error);
      }
    };
    void fetchQuote();
    const onTick = throttle(() => void fetchQuote(), 1000);
    const off = api.on('market:prices', ({ prices }) => {
      if (prices.some((p) => p.symbol === payload.symbol)) onTick();
    });
    const timer = window.setInterval(() => void fetchQuote(), REFRESH_MS);
    return () => {
      live = false;
      off();
      onTick.cancel();
      window.clearInterval(timer);
    };
  }, [settled]);

  const current = ask && quote && quote.symbol === ask.symbol ? quote : null;
  return { quote: current, error: ask ? error : null, loading: loading || key !== settled };
}
