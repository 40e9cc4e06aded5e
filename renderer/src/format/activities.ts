import type { ActivityRecordRequest, ActivityView, CorporateActionType } from '../../../shared/contract/index.js';
import { formatMoney } from './money.js';
import { formatQuantity, formatUnitPrice } from './quantity.js';
import { formatDay, formatRate } from './rates.js';

/** Every type an activity can have. */
export type AnyActivityType = ActivityView['type'];
/** The types the activity form records (activity:record); transfers come from account:transfer, corporate actions from their own form. */
export type RecordableType = Exclude<ActivityRecordRequest['type'], CorporateActionType>;

export const ACTIVITY_TYPES: readonly RecordableType[] = ['buy', 'sell', 'deposit', 'withdrawal', 'dividend', 'interest', 'fee', 'fx-exchange'];

export const ACTIVITY_LABEL: Record<AnyActivityType, string> = {
  buy: 'Buy',
  sell: 'Sell',
  deposit: 'Deposit',
  withdrawal: 'Withdrawal',
  dividend: 'Dividend',
  interest: 'Interest',
  fee: 'Fee',
  'fx-exchange': 'FX exchange',
  split: 'Split',
  'stock-dividend': 'Stock dividend',
  'symbol-change': 'Symbol change',
  'transfer-out': 'Transfer out',
  'transfer-in': 'Transfer in',
};

export const SOURCE_LABEL: Record<ActivityView['source'], string> = { order: 'Order', wallet: 'Wallet', manual: 'Recorded' };

/** What an activity was, in a few words: "2 AAPL at $150.00", "500 EUR → 540.00 USD at 1.08", "AAPL dividend". */
export function activityDetail(a: ActivityView, locale: string, minorUnitOf: (code: string) => number): string {
  switch (a.type) {
    case 'buy':
    case 'sell': {
      const q = a.quantity ? `${formatQuantity(a.quantity, locale)} ${a.symbol ?? ''}`.trim() : (a.symbol ?? '');
      const p = a.price ? ` at ${formatUnitPrice(a.price, a.currency, minorUnitOf(a.currency), locale)}` : '';
      const f = a.fee && !/^0(\.0+)?$/.test(a.fee) ? `, fee ${formatMoney(a.fee, a.currency, minorUnitOf(a.currency), locale)}` : '';
      return `${q}${p}${f}`;
    }
    case 'fx-exchange': {
      if (!a.toCurrency || !a.toAmount) return 'FX exchange';
      const paid = formatMoney(a.amount.replace(/^-/, ''), a.currency, minorUnitOf(a.currency), locale);
      const got = formatMoney(a.toAmount, a.toCurrency, minorUnitOf(a.toCurrency), locale);
      return `${paid} → ${got}${a.rate ? ` (rate ${formatRate(a.rate, locale)})` : ''}`;
    }
    case 'dividend':
      return a.symbol ? `From ${a.symbol}, into the ${a.currency} wallet` : `Into the ${a.currency} wallet`;
    case 'deposit':
      return `Into the ${a.currency} wallet`;
    case 'interest':
      return `On ${a.currency} cash`;
    case 'withdrawal':
    case 'fee':
      return `From the ${a.currency} wallet`;
    case 'split':
      return `${a.symbol ?? ''} ${a.numerator ?? ''} for ${a.denominator ?? ''}, in every account`.trim();
    case 'stock-dividend':
      return `${a.symbol ?? ''}: ${a.numerator ?? ''} new for every ${a.denominator ?? ''} held`.trim();
    case 'symbol-change':
      return `${a.symbol ?? ''} is now ${a.newSymbol ?? ''}`;
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
      return `${ACTIVITY_LABEL[a.type]} on ${day} recorded: ${activityDetail(a, locale, minorUnitOf)}.`;
    default:
      return `${ACTIVITY_LABEL[a.type]} of ${cash} on ${day} recorded.`;
  }
}
