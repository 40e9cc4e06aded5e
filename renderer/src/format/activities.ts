import type { ActivityView } from '../../../shared/contract/index.js';
import { labelTable, t } from '../i18n/index.js';
import { formatMoney } from './money.js';
import { formatQuantity, formatUnitPrice } from './quantity.js';
import { formatDay, formatRate } from './rates.js';

export type ActivityType = ActivityView['type'];

export const ACTIVITY_TYPES: readonly ActivityType[] = ['buy', 'sell', 'deposit', 'withdrawal', 'dividend', 'interest', 'fee', 'fx-exchange'];

export const ACTIVITY_LABEL: Record<ActivityType, string> = labelTable(ACTIVITY_TYPES, (k) => `common:kinds.${k === 'fx-exchange' ? 'fxExchange' : k}`);

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
