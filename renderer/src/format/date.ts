const cache = new Map<string, Intl.DateTimeFormat>();

/** Ledger timestamps in the user's date locale: "Mar 14, 2025, 9:41 AM" (en-US). */
export function formatDateTime(iso: string, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  let f = cache.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    cache.set(locale, f);
  }
  return f.format(d);
}

const secondsCache = new Map<string, Intl.DateTimeFormat>();

/** Order times to the second (an aggregated order fills seconds after it was placed): "Mar 14, 2025, 9:41:07 AM". */
export function formatDateTimeSeconds(iso: string, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  let f = secondsCache.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
    secondsCache.set(locale, f);
  }
  return f.format(d);
}
