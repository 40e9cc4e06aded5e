import type { UiError } from '../api/client.js';
import { formatDay } from './rates.js';

/** The sentence shown when a conversion or a chart finds nothing: what was asked, and what the user can do. */
export function describeFxError(error: UiError, ask: { from: string; to: string; date: string }, locale: string): string {
  const { from, to } = ask;
  const day = formatDay(ask.date, locale);
  switch (error.code) {
    case 'NOT_FOUND':
      return `No ${from}→${to} rate stored for ${day} yet — data sources are syncing. Try an earlier date, or check the Sync page for progress and errors.`;
    case 'UNKNOWN_CURRENCY':
      return `${error.message} Add it on the Catalogue page first.`;
    case 'INVALID_INPUT':
      return error.message;
    default:
      return error.message;
  }
}

/** The chart's empty state: nothing stored in the range (yet). */
export function emptySeriesText(from: string, to: string, rangeLabel: string): string {
  return `No ${from}→${to} rates stored for ${rangeLabel} yet — data sources may still be syncing. Try a longer range such as Max.`;
}
