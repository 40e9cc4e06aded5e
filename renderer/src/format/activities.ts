import type { ActivityRecordRequest, ActivityView, CorporateActionType } from '../../../shared/contract/index.js';
import { Dec } from '../../../shared/decimal/index.js';
import { labelTable, t } from '../i18n/index.js';
import { formatMoney } from './money.js';
import { formatQuantity, formatUnitPrice } from './quantity.js';
import { formatDay, formatRate } from './rates.js';

/** Every type an activity can have. */
export type AnyActivityType = ActivityView['type'];
/** The types the activity form records (activity:record); transfers come from account:transfer, corporate actions from their own form. */
export type RecordableType = Exclude<ActivityRecordRequest['type'], CorporateActionType>;

export const ACTIVITY_TYPES: readonly RecordableType[] = ['buy', 'sell', 'deposit', 'withdrawal', 'dividend', 'interest', 'fee', 'fx-exchange'];

const ALL_TYPES = ['buy', 'sell', 'deposit', 'withdrawal', 'dividend', 'interest', 'fee', 'fx-exchange', 'split', 'stock-dividend', 'symbol-change', 'transfer-out', 'transfer-in'] as const satisfies readonly AnyActivityType[];

/** The i18n key of an activity type's name (common:kinds), camel-cased. */
export const kindKey = (type: string): string => `common:kinds.${type.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())}`;

export const ACTIVITY_LABEL: Record<AnyActivityType, string> = labelTable(ALL_TYPES, kindKey);

export const SOURCE_LABEL: Record<ActivityView['source'], string> = labelTable(['order', 'wallet', 'manual'], (k) => `activity:sources.${k}`);

/** What an activity was, in a few words: "2 AAPL at $150.00", "500 EUR → 540.00 USD at 1.08", "AAPL dividend". */
export function activityDetail(a: ActivityView, locale: string, minorUnitOf: (code: string) => number, accountName: (id: string) => string = (id) => id): string {
  if (isTransfer(a)) return transferDetail(a, locale, minorUnitOf, accountName);
  switch (a.type) {
    case 'buy':
    case 'sell': {
      const q = a.quantity ? `${formatQuantity(a.quantity, locale)} ${a.symbol ?? ''}`.trim() : (a.symbol ?? '');
      const p = a.price ? t('activity:detail.at', { price: formatUnitPrice(a.price, a.currency, minorUnitOf(a.currency), locale) }) : '';
      const f = a.fee && !/^0(\.0+)?$/.test(a.fee) ? t('activity:detail.fee', { fee: formatMoney(a.fee, a.currency, minorUnitOf(a.currency), locale) }) : '';
      return `${q}${p}${f}`;
    }
    case 'fx-exchange': {
      if (!a.toCurrency || !a.toAmount) return t('activity:detail.exchange');
      const paid = formatMoney(a.amount.replace(/^-/, ''), a.currency, minorUnitOf(a.currency), locale);
      const got = formatMoney(a.toAmount, a.toCurrency, minorUnitOf(a.toCurrency), locale);
      return `${paid} → ${got}${a.rate ? t('activity:detail.rate', { rate: formatRate(a.rate, locale) }) : ''}`;
    }
    case 'dividend':
      return a.symbol ? t('activity:detail.dividendFrom', { symbol: a.symbol, currency: a.currency }) : t('activity:detail.into', { currency: a.currency });
    case 'deposit':
      return t('activity:detail.into', { currency: a.currency });
    case 'interest':
      return t('activity:detail.interest', { currency: a.currency });
    case 'withdrawal':
    case 'fee':
      return t('activity:detail.from', { currency: a.currency });
    case 'split':
      return t('activity:detail.split', { symbol: a.symbol ?? '', numerator: a.numerator ?? '', denominator: a.denominator ?? '' });
    case 'stock-dividend':
      return t('activity:detail.stockDividend', { symbol: a.symbol ?? '', numerator: a.numerator ?? '', denominator: a.denominator ?? '' });
    case 'symbol-change':
      return t('activity:detail.symbolChange', { symbol: a.symbol ?? '', newSymbol: a.newSymbol ?? '' });
    case 'transfer-out':
    case 'transfer-in':
      return transferDetail(a, locale, minorUnitOf, accountName);
  }
}

/** A split with fewer new units than old ones. */
function isReverse(a: ActivityView): boolean {
  const n = Dec.tryOf(a.numerator ?? '');
  const d = Dec.tryOf(a.denominator ?? '');
  return !!n && !!d && n.lt(d);
}

/** A move between two accounts: a transfer of units, or the withdrawal or deposit of a cash transfer. */
export function isTransfer(a: ActivityView): boolean {
  return a.type === 'transfer-out' || a.type === 'transfer-in' || (a.transfer !== undefined && (a.type === 'withdrawal' || a.type === 'deposit'));
}

/**
 * The i18n key of a row's label: a cash transfer reads as a transfer out or in (not as a withdrawal or deposit: the
 * profile's money did not change), a split with fewer new units as a reverse split.
 */
export function activityKindKey(a: ActivityView): string {
  if (isTransfer(a)) return kindKey(a.type === 'withdrawal' || a.type === 'transfer-out' ? 'transfer-out' : 'transfer-in');
  if (a.type === 'split' && isReverse(a)) return 'common:kinds.reverseSplit';
  return kindKey(a.type);
}

export function activityLabel(a: ActivityView): string {
  return t(activityKindKey(a) as never);
}

/** The label's colour class: one per kind, the same for transfers of cash and of units; a reverse split as a split. */
export function activityKindClass(a: ActivityView): string {
  return isTransfer(a) ? 'kind-transfer' : `kind-${a.type}`;
}

/** What moved between which accounts: "3 AAPL from Main to Broker", "$100.00 from Main to Bank". */
function transferDetail(a: ActivityView, locale: string, minorUnitOf: (code: string) => number, accountName: (id: string) => string): string {
  const what =
    a.type === 'transfer-out' || a.type === 'transfer-in'
      ? `${formatQuantity((a.quantity ?? '').replace(/^-/, ''), locale)} ${a.symbol ?? ''}`.trim()
      : formatMoney(a.amount.replace(/^-/, ''), a.currency, minorUnitOf(a.currency), locale);
  if (!a.transfer) return what;
  return t('activity:detail.transfer', { what, from: accountName(a.transfer.fromAccountId), to: accountName(a.transfer.toAccountId) });
}

/**
 * The note a row shows. A split confirmed from a provider's proposal says who published it, in the reader's language
 * and with the provider's name (`publishedBy`; the note an earlier version wrote in English, "Split published by
 * <id>", gives way to it). A transfer's legs store no words of their own (migration profile-019 removed the English
 * default notes an earlier version stored): the details say what moved where, in the reader's language. Anything the
 * user wrote is shown.
 */
export function activityNote(a: ActivityView, publishedBy: string | null): string | null {
  if (a.type === 'split' && publishedBy !== null && (a.note === null || /^Split published by [\w.-]+$/.test(a.note))) {
    return t('activity:detail.publishedBy', { provider: publishedBy });
  }
  return a.note;
}

/** The confirmation after recording: "Deposit of $2,000.00 on Jun 4, 2026 recorded." */
export function recordedText(a: ActivityView, locale: string, minorUnitOf: (code: string) => number): string {
  const day = formatDay(a.date.slice(0, 10), locale);
  const cash = formatMoney(a.amount.replace(/^-/, ''), a.currency, minorUnitOf(a.currency), locale);
  switch (a.type) {
    case 'buy':
    case 'sell':
    case 'fx-exchange':
      return t('activity:recorded', { type: ACTIVITY_LABEL[a.type], day, detail: activityDetail(a, locale, minorUnitOf) });
    default:
      return t('activity:recordedCash', { type: ACTIVITY_LABEL[a.type], cash, day });
  }
}
