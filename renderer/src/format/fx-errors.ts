import type { UiError } from '../api/client.js';
import { t } from '../i18n/index.js';
import { errorText } from './errors.js';
import { formatDay } from './rates.js';

/** The sentence shown when a conversion or a chart finds nothing: what was asked, and what the user can do. */
export function describeFxError(error: UiError, ask: { from: string; to: string; date: string }, locale: string): string {
  const { from, to } = ask;
  const day = formatDay(ask.date, locale);
  switch (error.code) {
    case 'NOT_FOUND':
      return t('convert:errors.notFound', { from, to, day });
    case 'UNKNOWN_CURRENCY':
      return t('convert:errors.unknownCurrency', { message: errorText(error) });
    default:
      return errorText(error);
  }
}

/** The chart's empty state: nothing stored in the range (yet). */
export function emptySeriesText(from: string, to: string, rangeLabel: string): string {
  return t('convert:errors.empty', { from, to, range: rangeLabel });
}
