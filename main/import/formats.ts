import type { ImportMapping } from '../../shared/contract/index.js';
import { isCalendarDate } from '../../shared/portfolio/days.js';

/**
 * Dates and numbers as a broker or a spreadsheet writes them in the user's locale. Parsing is strict: a value that
 * could be read two ways ("1.234" with a decimal comma configured, a thousands separator in the wrong place) is an
 * error for that row, never a guess, because a silently misread amount is worse than a refused file.
 */
export type DateFormat = ImportMapping['dateFormat'];

/** The order of day, month and year each format names; its separator is not binding (`-`, `/` and `.` read alike). */
const ORDER: Record<DateFormat, 'ymd' | 'dmy' | 'mdy'> = {
  'YYYY-MM-DD': 'ymd',
  'YYYY/MM/DD': 'ymd',
  YYYYMMDD: 'ymd',
  'DD.MM.YYYY': 'dmy',
  'D.M.YYYY': 'dmy',
  'DD/MM/YYYY': 'dmy',
  'DD-MM-YYYY': 'dmy',
  'MM/DD/YYYY': 'mdy',
  'M/D/YYYY': 'mdy',
};

const YEAR_FIRST = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const YEAR_LAST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/** The date part of a value: a time after it ("2024-03-01 10:22", "…T10:22:00Z", IB's "20230403;095853") is dropped. */
function datePart(text: string): string {
  return text.trim().split(/[T\s;]/, 1)[0] ?? '';
}

/**
 * `YYYY-MM-DD`, or null. The format gives the order of day and month; a year written first (`2024-03-01`) or a
 * compact `20240301` is read as such in any format, since neither can be read another way.
 */
export function parseDate(text: string, format: DateFormat): string | null {
  const d = datePart(text);
  let m = COMPACT.exec(d) ?? YEAR_FIRST.exec(d);
  let iso: string | null = null;
  if (m) {
    iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  } else if ((m = YEAR_LAST.exec(d)) && ORDER[format] !== 'ymd') {
    const [day, month] = ORDER[format] === 'dmy' ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
    iso = `${m[3]}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  }
  return iso && isCalendarDate(iso) ? iso : null;
}

/**
 * The date format a file's own values settle: compact or year-first values settle it outright; for day and month
 * written before the year, a first number above 12 means day-month, a second above 12 month-day. Values that settle
 * nothing (every number 12 or less) leave `fallback` (the locale's order). `evidence` is the value that decided.
 */
export function inferDateFormat(values: readonly string[], fallback: DateFormat): { format: DateFormat; evidence: string | null } {
  let dayFirst: string | null = null;
  let monthFirst: string | null = null;
  let yearFirst: string | null = null;
  let compact: string | null = null;
  for (const v of values) {
    const d = datePart(v);
    if (!d) continue;
    if (COMPACT.test(d)) compact ??= v.trim();
    else if (YEAR_FIRST.test(d)) yearFirst ??= v.trim();
    else {
      const m = YEAR_LAST.exec(d);
      if (!m) continue;
      if (Number(m[1]) > 12) dayFirst ??= v.trim();
      else if (Number(m[2]) > 12) monthFirst ??= v.trim();
    }
  }
  if (dayFirst) {
    const sep = /[-/.]/.exec(datePart(dayFirst))![0];
    return { format: sep === '.' ? 'DD.MM.YYYY' : sep === '/' ? 'DD/MM/YYYY' : 'DD-MM-YYYY', evidence: dayFirst };
  }
  if (monthFirst) return { format: 'MM/DD/YYYY', evidence: monthFirst };
  if (yearFirst && !compact) return { format: 'YYYY-MM-DD', evidence: yearFirst };
  if (compact && !yearFirst) return { format: 'YYYYMMDD', evidence: compact };
  return { format: fallback, evidence: null };
}

const MINUS = /^[-\u2212]/;

/**
 * A plain decimal string ("-1234.5"), or null. Thousands separators must sit between groups of three digits;
 * accounting negatives "(12.50)" and a leading "+" are accepted.
 */
export function parseNumber(text: string, decimal: '.' | ',', thousands: ImportMapping['thousandsSeparator']): string | null {
  let t = text.trim();
  if (t === '') return null;
  let negative = false;
  if (t.startsWith('(') && t.endsWith(')')) {
    negative = true;
    t = t.slice(1, -1).trim();
  }
  if (MINUS.test(t)) {
    if (negative) return null;
    negative = true;
    t = t.slice(1).trim();
  } else if (t.startsWith('+')) t = t.slice(1).trim();
  const parts = t.split(decimal);
  if (parts.length > 2) return null;
  const [intRaw, frac = ''] = parts as [string, string?];
  if (parts.length === 2 && !/^\d+$/.test(frac)) return null;
  let int = intRaw;
  if (thousands !== '' && /[^\d]/.test(int)) {
    const seps = thousands === ' ' ? /[ \u00a0\u202f]/ : thousands === "'" ? /['\u2019]/ : new RegExp(`\\${thousands}`);
    const groups = int.split(seps);
    if (!/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) return null;
    int = groups.join('');
  }
  if (!/^\d+$/.test(int)) return null;
  const canonicalInt = int.replace(/^0+(?=\d)/, '');
  const body = frac ? `${canonicalInt}.${frac}` : canonicalInt;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/** Bourse's own files: plain decimals only ("-12.50"), exactly as exported. */
export function parsePlain(text: string): string | null {
  return /^-?(0|[1-9]\d*)(\.\d+)?$/.test(text) ? text : null;
}

/** The date, decimal and thousands conventions of a BCP 47 locale, as import defaults. */
export function localeFormats(locale: string): Pick<ImportMapping, 'dateFormat' | 'decimalSeparator' | 'thousandsSeparator'> {
  let dateFormat: DateFormat = 'YYYY-MM-DD';
  let decimalSeparator: '.' | ',' = '.';
  let thousandsSeparator: ImportMapping['thousandsSeparator'] = ',';
  try {
    const parts = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(Date.UTC(2024, 10, 25, 12)));
    const order = parts.filter((p) => p.type === 'year' || p.type === 'month' || p.type === 'day').map((p) => p.type[0]).join('');
    const sep = parts.find((p) => p.type === 'literal')?.value.trim() ?? '-';
    const candidates: Record<string, DateFormat> = {
      'ymd-': 'YYYY-MM-DD',
      'ymd/': 'YYYY/MM/DD',
      'dmy.': 'DD.MM.YYYY',
      'dmy/': 'DD/MM/YYYY',
      'dmy-': 'DD-MM-YYYY',
      'mdy/': 'MM/DD/YYYY',
    };
    dateFormat = candidates[`${order}${sep}`] ?? 'YYYY-MM-DD';
    const num = new Intl.NumberFormat(locale).formatToParts(1234567.5);
    decimalSeparator = num.find((p) => p.type === 'decimal')?.value === ',' ? ',' : '.';
    const group = num.find((p) => p.type === 'group')?.value ?? '';
    thousandsSeparator = group === ',' ? ',' : group === '.' ? '.' : /[\s\u00a0\u202f]/.test(group) ? ' ' : /['\u2019]/.test(group) ? "'" : '';
  } catch {
    // An unknown locale keeps the ISO defaults.
  }
  return { dateFormat, decimalSeparator, thousandsSeparator };
}

type ActivityType = 'buy' | 'sell' | 'deposit' | 'withdrawal' | 'dividend' | 'interest' | 'fee' | 'fx-exchange';

/** Words brokers use for each type (English, German, French, Spanish), compared case-insensitively. */
export const TYPE_WORDS: Record<ActivityType, string[]> = {
  buy: ['buy', 'bought', 'purchase', 'market buy', 'limit buy', 'kauf', 'achat', 'compra'],
  sell: ['sell', 'sold', 'sale', 'market sell', 'limit sell', 'verkauf', 'vente', 'venta'],
  deposit: ['deposit', 'cash in', 'credit', 'transfer in', 'einzahlung', 'dépôt', 'versement', 'ingreso'],
  withdrawal: ['withdrawal', 'withdraw', 'cash out', 'debit', 'transfer out', 'auszahlung', 'retrait', 'retirada'],
  dividend: ['dividend', 'dividends', 'div', 'cash dividend', 'dividende', 'ausschüttung', 'dividendo'],
  interest: ['interest', 'interest income', 'zinsen', 'zins', 'intérêts', 'interés'],
  fee: ['fee', 'fees', 'commission', 'charge', 'gebühr', 'gebühren', 'frais', 'comisión'],
  'fx-exchange': ['fx-exchange', 'fx', 'exchange', 'currency exchange', 'conversion', 'devisentausch', 'change'],
};

/**
 * The activity type a type word names. A word ending in `*` names every word it starts (Degiro writes the year and the
 * exchange after "DEGIRO Exchange Connection Fee"); an exact word wins over a prefix, a longer prefix over a shorter.
 */
export function typeReader(extra: ImportMapping['typeValues']): (text: string) => ActivityType | null {
  const map = new Map<string, ActivityType>();
  const prefixes: [string, ActivityType][] = [];
  for (const [type, words] of Object.entries(TYPE_WORDS) as [ActivityType, string[]][]) for (const w of words) map.set(w, type);
  // The user's own words win over the built-in ones.
  for (const [type, words] of Object.entries(extra ?? {}) as [ActivityType, string[] | undefined][]) {
    for (const w of words ?? []) {
      const k = w.trim().toLowerCase().replace(/\s+/g, ' ');
      if (k.endsWith('*')) prefixes.push([k.slice(0, -1), type]);
      else map.set(k, type);
    }
  }
  prefixes.sort((a, b) => b[0].length - a[0].length);
  return (text) => {
    const k = text.trim().toLowerCase().replace(/\s+/g, ' ');
    return map.get(k) ?? prefixes.find(([p]) => k.startsWith(p))?.[1] ?? null;
  };
}

const UNIT_SIGNS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' };
const CODE_BEFORE = /^([A-Z]{3,10})\s*(?=[-\u2212+(]?[\d.,])/;
const CODE_AFTER = /(?<=[\d.,)])\s*([A-Z][A-Z0-9]{1,9})$/;

/**
 * A number written with its currency or unit ("$85.11", "-€597.49", "€-3.20", "USD 12.00", "12,50 €",
 * "0.5BTC"): the number's text (sign first) and the unit as a code, or null when it has none.
 */
export function splitUnit(text: string): { value: string; unit: string | null } {
  let t = text.trim();
  let sign = '';
  const takeSign = () => {
    if (/^[-\u2212]/.test(t)) {
      sign = sign === '-' ? '' : '-';
      t = t.slice(1).trim();
    } else if (t.startsWith('+')) t = t.slice(1).trim();
  };
  takeSign();
  let unit: string | null = null;
  const first = UNIT_SIGNS[t[0] ?? ''];
  if (first) {
    unit = first;
    t = t.slice(1).trim();
    takeSign();
  } else {
    const before = CODE_BEFORE.exec(t);
    if (before) {
      unit = before[1]!;
      t = t.slice(before[0].length);
      takeSign();
    } else {
      const last = UNIT_SIGNS[t.at(-1) ?? ''];
      if (last) {
        unit = last;
        t = t.slice(0, -1).trim();
      } else {
        const after = CODE_AFTER.exec(t);
        if (after) {
          unit = after[1]!;
          t = t.slice(0, after.index).trim();
        }
      }
    }
  }
  return { value: sign + t, unit };
}

/** A decimal without trailing fraction zeros ("0.0290530000" → "0.029053", "12.0" → "12"); same value. */
export function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
