import type { ImportMapping } from '../../shared/contract/index.js';
import { isCalendarDate } from '../../shared/portfolio/days.js';

/**
 * Dates and numbers as a broker or a spreadsheet writes them in the user's locale. Parsing is strict: a value that
 * could be read two ways ("1.234" with a decimal comma configured, a thousands separator in the wrong place) is an
 * error for that row, never a guess, because a silently misread amount is worse than a refused file.
 */
export type DateFormat = ImportMapping['dateFormat'];

const DATE_PATTERNS: Record<DateFormat, { re: RegExp; y: number; m: number; d: number }> = {
  'YYYY-MM-DD': { re: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, y: 1, m: 2, d: 3 },
  'YYYY/MM/DD': { re: /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, y: 1, m: 2, d: 3 },
  'DD.MM.YYYY': { re: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, y: 3, m: 2, d: 1 },
  'D.M.YYYY': { re: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, y: 3, m: 2, d: 1 },
  'DD/MM/YYYY': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, y: 3, m: 2, d: 1 },
  'DD-MM-YYYY': { re: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, y: 3, m: 2, d: 1 },
  'MM/DD/YYYY': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, y: 3, m: 1, d: 2 },
  'M/D/YYYY': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, y: 3, m: 1, d: 2 },
};

/** `YYYY-MM-DD`, or null. A time after the date ("2024-03-01 10:22", "2024-03-01T10:22:00Z") is ignored. */
export function parseDate(text: string, format: DateFormat): string | null {
  const t = text.trim();
  const datePart = t.split(/[T\s]/, 1)[0] ?? '';
  const p = DATE_PATTERNS[format];
  const m = p.re.exec(datePart);
  if (!m) return null;
  const iso = `${m[p.y]}-${m[p.m]!.padStart(2, '0')}-${m[p.d]!.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
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

export function typeReader(extra: ImportMapping['typeValues']): (text: string) => ActivityType | null {
  const map = new Map<string, ActivityType>();
  for (const [type, words] of Object.entries(TYPE_WORDS) as [ActivityType, string[]][]) for (const w of words) map.set(w, type);
  // The user's own words win over the built-in ones.
  for (const [type, words] of Object.entries(extra ?? {}) as [ActivityType, string[] | undefined][]) for (const w of words ?? []) map.set(w.trim().toLowerCase(), type);
  return (text) => map.get(text.trim().toLowerCase().replace(/\s+/g, ' ')) ?? null;
}
