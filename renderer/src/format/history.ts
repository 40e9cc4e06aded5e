import { isCorporateAction, type HistoryEntry } from '../../../shared/contract/index.js';
import { formatSignedMoney } from './money.js';
import { signOf } from './decimal.js';
import { labelTable, t } from '../i18n/index.js';
import { kindKey } from './activities.js';
import { MASK, privacyOn } from './privacy.js';

const TYPES = ['buy', 'sell', 'deposit', 'withdrawal', 'dividend', 'interest', 'fee', 'fx-exchange', 'split', 'stock-dividend', 'symbol-change', 'transfer-out', 'transfer-in'] as const satisfies readonly HistoryEntry['type'][];

/** Labels of the activity types, as the history shows and filters them. */
export const TYPE_LABEL: Record<HistoryEntry['type'], string> = labelTable(TYPES, (k) => (k === 'fx-exchange' ? 'common:kinds.exchange' : kindKey(k)));

/** A row's type: a cash leg of a transfer between accounts reads as a transfer out or in, as on the Activity page. */
export function historyTypeLabel(e: HistoryEntry): string {
  if (e.transfer && e.type === 'withdrawal') return TYPE_LABEL['transfer-out'];
  if (e.transfer && e.type === 'deposit') return TYPE_LABEL['transfer-in'];
  return TYPE_LABEL[e.type];
}

/**
 * What the note column says when the row has no note of the user's: which accounts a transfer moved between (no
 * words are stored for it), that an order filled, or nothing.
 */
export function historyNoteless(e: HistoryEntry, accountName: (id: string) => string): string {
  if (e.transfer) return t('history:table.transfer', { from: accountName(e.transfer.fromAccountId), to: accountName(e.transfer.toAccountId) });
  return e.source === 'order' ? t('history:table.orderFill') : '';
}

export { SOURCE_LABEL } from './activities.js';
export { formatDay } from './rates.js';

const PLAIN = /^-?\d+(\.\d+)?$/;
const numberCache = new Map<string, Intl.NumberFormat>();

/** A quantity, price or rate as stored (every digit), in the locale's separators. Strings, never floats. */
export function formatPlainNumber(value: string, locale: string): string {
  if (!PLAIN.test(value)) return value;
  let f = numberCache.get(locale);
  if (!f) numberCache.set(locale, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 20 })));
  return f.format(value as Intl.StringNumericLiteral);
}

/** Signed money, or an em dash when there is none. */
/** A quantity as stored (every digit), masked in privacy mode like every quantity. */
export function formatStoredQuantity(value: string, locale: string): string {
  return privacyOn() ? MASK : formatPlainNumber(value, locale);
}

/** A transfer of units or a corporate action moves no cash: its amount column says so with a dash, not "$0.00". */
export function movesCash(e: Pick<HistoryEntry, 'type'>): boolean {
  return e.type !== 'transfer-out' && e.type !== 'transfer-in' && !isCorporateAction(e.type);
}

/**
 * The colour of the History's In or Out total (`out` is a positive figure of what left): green in, red out, and
 * neutral at zero, as every amount (`pnlClass`).
 */
export function flowClass(amount: string | undefined, flow: 'in' | 'out'): string | undefined {
  if (amount === undefined || signOf(amount) === 0) return undefined;
  return flow === 'in' ? 'positive' : 'negative';
}

export function money(amount: string | null, currency: string, minorUnit: number, locale: string): string {
  if (amount === null || !PLAIN.test(amount)) return '—';
  return formatSignedMoney(amount, currency, minorUnit, locale);
}

/** "1,234 entries" */
export function entriesText(n: number, locale: string): string {
  return t('common:entries', { count: n, n: new Intl.NumberFormat(locale).format(n) });
}

export function bytesText(bytes: number, locale: string): string {
  const f = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${f.format(bytes / 1024)} KB`;
  return `${f.format(bytes / 1024 / 1024)} MB`;
}
