import type { ActivityRecordRequest, ActivityView, CorporateActionType } from '../../../shared/contract/index.js';
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
export function activityDetail(a: ActivityView, locale: string, minorUnitOf: (code: string) => number): string {
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
    case 'transfer-in': {
      const q = `${formatQuantity((a.quantity ?? '').replace(/^-/, ''), locale)} ${a.symbol ?? ''}`.trim();
      return a.note ? `${q}: ${a.note}` : q;
    }
  }
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
