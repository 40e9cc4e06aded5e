import { useSyncExternalStore } from 'react';
import { ageText } from '../format/age.js';

/**
 * One clock for every price age on screen: it ticks each second once anything shows an age, and each age is a
 * subscription that redraws only its own text, and only when that text changes ("3 s ago" → "4 s ago"), so a table
 * of prices is not drawn again every second for its ages.
 */
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** How old `ts` is, in words, kept current: "just now", "3 s ago", "5 d ago" (format/age.ts). */
export function useAge(ts: number | null): string {
  // Read at render time while the clock is stopped, so an age drawn first after a pause is not as of the pause.
  return useSyncExternalStore(subscribe, () => ageText(ts, timer === undefined ? Date.now() : now));
}
