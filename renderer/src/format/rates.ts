/**
 * Display of FX rates, market prices and the days they were published. Rates and prices stay decimal strings:
 * Intl.NumberFormat formats the string itself, so nothing is rounded through a float on the way to the screen.
 */

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

const numberCache = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, min: number, max: number): Intl.NumberFormat {
  const key = `${locale}|${min}|${max}`;
  let f = numberCache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: max });
    numberCache.set(key, f);
  }
  return f;
}

function decimalsOf(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}

/** A rate as published, in the locale: "1.1147" → "1.1147" (en-US), "1,1147" (de-DE); at most 8 decimals. */
export function formatRate(rate: string, locale: string): string {
  if (!PLAIN_DECIMAL.test(rate)) return rate;
  const decimals = Math.min(8, Math.max(2, decimalsOf(rate)));
  return numberFormat(locale, Math.min(decimals, 2), decimals).format(rate as Intl.StringNumericLiteral);
}

/** A market price with the decimals it came with (at least 2, at most 8): "64250.5" → "64,250.50". */
export function formatPrice(price: string, locale: string): string {
  if (!PLAIN_DECIMAL.test(price)) return price;
  const decimals = Math.min(8, Math.max(2, decimalsOf(price)));
  return numberFormat(locale, 2, decimals).format(price as Intl.StringNumericLiteral);
}

const dayCache = new Map<string, Intl.DateTimeFormat>();
/** "2020-03-04" → "Mar 4, 2020" (en-US). Calendar days are read in UTC so no time zone shifts them. */
export function formatDay(isoDay: string, locale: string, style: 'medium' | 'short' = 'medium'): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDay;
  const key = `${locale}|${style}`;
  let f = dayCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' });
    dayCache.set(key, f);
  }
  return f.format(d);
}

/** Today as YYYY-MM-DD in UTC, the calendar main uses for "today" (a later local date would be refused as future). */
export function todayIso(now: number = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** "2020-03-07" → "Saturday" in the locale (used to say why a rate was carried forward). */
export function weekdayOf(isoDay: string, locale: string): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? '' : new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(d);
}

/** Whether a calendar day is a Saturday or Sunday. */
export function isWeekend(isoDay: string): boolean {
  const day = new Date(`${isoDay}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}
