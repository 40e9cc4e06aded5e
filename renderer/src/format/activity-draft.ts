import type { ActivityRecordRequest, InstrumentView } from '../../../shared/contract/index.js';
import { labelTable, t } from '../i18n/index.js';
import { ACTIVITY_TYPES, type RecordableType } from './activities.js';
import { parseAmount } from './money.js';
import { parseQuantity } from './quantity.js';

/** One request shape per type, without the key (Omit over the union, member by member). */
export type ActivityDraft = ActivityRecordRequest extends infer T ? (T extends unknown ? Omit<T, 'idempotencyKey'> : never) : never;
export type ActivityErrors = Partial<Record<'date' | 'quantity' | 'price' | 'fee' | 'amount' | 'fromAmount' | 'toAmount' | 'symbol', string>>;

/** What the activity form holds, as typed (the currencies already resolved to their defaults). */
export interface ActivityFields {
  type: RecordableType;
  date: string;
  symbol: string;
  dividendSymbol: string;
  quantity: string;
  price: string;
  fee: string;
  currency: string;
  amount: string;
  toCurrency: string;
  toAmount: string;
  note: string;
}

export const ACTIVITY_HINT: Record<RecordableType, string> = labelTable(ACTIVITY_TYPES, (k) => `activity:hints.${k === 'fx-exchange' ? 'fxExchange' : k}`);

export function isTrade(type: RecordableType): boolean {
  return type === 'buy' || type === 'sell';
}

/** The request the fields describe, or what is wrong with them (by field). `today` is the latest day allowed. */
export function buildActivity(
  f: ActivityFields,
  instruments: readonly InstrumentView[],
  today: string,
  locale: string,
  minorUnitOf: (code: string) => number,
): { draft: ActivityDraft | null; errors: ActivityErrors } {
  const { type, date, currency, toCurrency } = f;
  const e: ActivityErrors = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) e.date = t('activity:form.pickDay');
  else if (date > today) e.date = t('activity:form.noFuture');
  const base = { date, ...(f.note.trim() ? { note: f.note.trim() } : {}) };
  if (type === 'buy' || type === 'sell') {
    const instrument = instruments.find((i) => i.symbol === f.symbol);
    if (!instrument) {
      e.symbol = t('activity:form.addInstrument');
      return { draft: null, errors: e };
    }
    const cur = instrument.quoteCurrency;
    const q = parseQuantity(f.quantity, locale, t('activity:form.aQuantity'));
    const p = parseQuantity(f.price, locale, t('activity:form.aPrice'), 10);
    const fee = f.fee.trim() === '' ? null : parseAmount(f.fee, cur, minorUnitOf(cur), locale);
    if (!q.ok) e.quantity = q.message;
    if (!p.ok) e.price = p.message;
    if (fee && !fee.ok) e.fee = fee.message;
    if (!q.ok || !p.ok || (fee && !fee.ok) || e.date) return { draft: null, errors: e };
    return { draft: { type, symbol: instrument.symbol, quantity: q.value, price: p.value, ...(fee?.ok ? { fee: fee.value } : {}), ...base }, errors: e };
  }
  const a = parseAmount(f.amount, currency, minorUnitOf(currency), locale);
  if (!a.ok) e.amount = a.message;
  if (type === 'fx-exchange') {
    const to = parseAmount(f.toAmount, toCurrency, minorUnitOf(toCurrency), locale);
    if (!a.ok) e.fromAmount = e.amount;
    delete e.amount;
    if (!to.ok) e.toAmount = to.message;
    if (currency === toCurrency) e.toAmount = t('activity:form.twoCurrencies');
    if (!a.ok || !to.ok || e.toAmount || e.date) return { draft: null, errors: e };
    return { draft: { type, fromCurrency: currency, fromAmount: a.value, toCurrency, toAmount: to.value, ...base }, errors: e };
  }
  if (!a.ok || e.date) return { draft: null, errors: e };
  if (type === 'dividend') {
    return { draft: { type, currency, amount: a.value, ...(f.dividendSymbol ? { symbol: f.dividendSymbol } : {}), ...base }, errors: e };
  }
  return { draft: { type, currency, amount: a.value, ...base }, errors: e };
}
