import type { UiError } from '../api/client.js';
import { t } from '../i18n/index.js';
import { describeError, errorText, waitText } from './errors.js';
import { formatMoney } from './money.js';
import { formatPercent } from './percent.js';
import { formatQuantity, formatUnitPrice } from './quantity.js';

export interface OrderErrorContext {
  locale: string;
  minorUnitOf(code: string): number;
  /** The instrument and its quote currency, when the server's details leave them out. */
  symbol?: string;
  currency?: string;
  /** What was refused, for the sentence ("this order" unless said otherwise). */
  subject?: string;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * The sentence shown when an order (or its quote) is refused, one per stable code, with the figures of the details
 * formatted; the server's own message is the fallback when a detail is missing.
 */
export function describeOrderError(error: UiError, ctx: OrderErrorContext): string {
  const d = error.details ?? {};
  const { locale } = ctx;
  const currency = str(d.currency) ?? ctx.currency ?? null;
  const symbol = str(d.symbol) ?? ctx.symbol ?? t('trading:refusals.thisInstrument');
  const money = (v: string) => (currency ? formatMoney(v, currency, ctx.minorUnitOf(currency), locale) : v);
  switch (error.code) {
    case 'STALE_PRICE': {
      const age = num(d.ageMs);
      const max = num(d.maxAgeMs);
      if (age === null) return t('trading:refusals.staleNoAge', { message: errorText(error) });
      return max !== null
        ? t('trading:refusals.staleMax', { symbol, age: waitText(age), max: waitText(max) })
        : t('trading:refusals.stale', { symbol, age: waitText(age) });
    }
    case 'INSUFFICIENT_FUNDS': {
      const required = str(d.required);
      const available = str(d.available);
      if (required && available) {
        const subject = ctx.subject ?? t('trading:refusals.thisOrder');
        const vars = { currency: currency ?? t('trading:refusals.cash'), subject, required: money(required), available: money(available) };
        return ctx.subject === undefined ? t('trading:refusals.fundsOrder', vars) : t('trading:refusals.fundsOther', vars);
      }
      return describeError(error, locale, ctx.minorUnitOf);
    }
    case 'INSUFFICIENT_HOLDING': {
      const required = str(d.required);
      const available = str(d.available);
      if (required && available) {
        return t('trading:refusals.holding', { required: formatQuantity(required, locale), symbol, available: formatQuantity(available, locale) });
      }
      return t('trading:refusals.holdingShort', { symbol });
    }
    case 'ORDER_TOO_LARGE': {
      const value = str(d.value);
      const max = str(d.max);
      // The maximum is a USD figure (Settings), the order's value converted to it.
      const maxCurrency = str(d.maxCurrency) ?? 'USD';
      const fmt = (v: string) => formatMoney(v, maxCurrency, ctx.minorUnitOf(maxCurrency), locale);
      if (value && max) {
        return t('trading:refusals.tooLarge', { value: fmt(value), max: fmt(max) });
      }
      return t('trading:refusals.tooLargeShort');
    }
    case 'TOO_MANY_ORDERS': {
      const per = num(d.perMinute);
      return per !== null ? t('trading:refusals.tooManyPer', { count: per }) : t('trading:refusals.tooMany');
    }
    case 'PRICE_NEEDS_CONFIRMATION':
      return describeDeviation(error, ctx);
    case 'ILLEGAL_TRANSITION':
      return t('trading:refusals.illegal');
    case 'NOT_FOUND':
      return error.message ? errorText(error) : t('trading:refusals.notInCatalogue', { symbol });
    default:
      return describeError(error, locale, ctx.minorUnitOf);
  }
}

/** "The price $212.00 is 15.3% from the last close $184.00 (more than 10.0%)." */
export function describeDeviation(error: UiError, ctx: OrderErrorContext): string {
  const d = error.details ?? {};
  const currency = str(d.currency) ?? ctx.currency ?? null;
  const price = str(d.price);
  const last = str(d.lastClose);
  const deviation = str(d.deviation);
  const max = str(d.maxDeviation);
  const unit = (v: string) => (currency ? formatUnitPrice(v, currency, ctx.minorUnitOf(currency), ctx.locale) : v);
  if (!deviation) return t('trading:refusals.deviationShort', { message: errorText(error) });
  const vars = { price: price ? unit(price) : t('trading:refusals.thePrice'), pct: formatPercent(deviation, ctx.locale, 1), last: last ? unit(last) : '' };
  const sentence = max
    ? t('trading:refusals.deviationMax', { ...vars, max: formatPercent(max, ctx.locale, 1) })
    : t('trading:refusals.deviation', vars);
  // Without a last close the sentence would read "close ." (German "Schlusskurs  entfernt").
  return `${sentence.replace(/ +\./, '.').replace(/ {2,}/g, ' ')} ${t('trading:refusals.confirmAnyway')}`;
}
