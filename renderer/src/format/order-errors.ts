import type { UiError } from '../api/client.js';
import { describeError, waitText } from './errors.js';
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
  const symbol = str(d.symbol) ?? ctx.symbol ?? 'this instrument';
  const money = (v: string) => (currency ? formatMoney(v, currency, ctx.minorUnitOf(currency), locale) : v);
  switch (error.code) {
    case 'STALE_PRICE': {
      const age = num(d.ageMs);
      const max = num(d.maxAgeMs);
      if (age === null) return `${error.message} Nothing was placed.`;
      const limit = max !== null ? ` (at most ${waitText(max)} is allowed)` : '';
      return `No fresh price for ${symbol}, so the order was not placed: the last price is ${waitText(age)} old${limit}. Wait for the feed to send a live price, then try again.`;
    }
    case 'INSUFFICIENT_FUNDS': {
      const required = str(d.required);
      const available = str(d.available);
      if (required && available) {
        const subject = ctx.subject ?? 'this order';
        return `Not enough ${currency ?? 'cash'}: ${subject} needs ${money(required)} but ${money(available)} is available (cash held by open orders does not count). Nothing was ${subject === 'this order' ? 'reserved' : 'changed'}.`;
      }
      return describeError(error, locale, ctx.minorUnitOf);
    }
    case 'INSUFFICIENT_HOLDING': {
      const required = str(d.required);
      const available = str(d.available);
      if (required && available) {
        return `You cannot sell ${formatQuantity(required, locale)} ${symbol}: you hold ${formatQuantity(available, locale)} that are not already in open sell orders. Nothing was reserved.`;
      }
      return `You do not hold enough ${symbol} for this sell. Nothing was reserved.`;
    }
    case 'ORDER_TOO_LARGE': {
      const value = str(d.value);
      const max = str(d.max);
      // The maximum is a USD figure (Settings), the order's value converted to it.
      const maxCurrency = str(d.maxCurrency) ?? 'USD';
      const fmt = (v: string) => formatMoney(v, maxCurrency, ctx.minorUnitOf(maxCurrency), locale);
      if (value && max) {
        return `This order is worth ${fmt(value)}, more than the maximum of ${fmt(max)} per order. Place a smaller order, or raise the maximum in Settings.`;
      }
      return 'This order is worth more than the maximum per order. Place a smaller order, or raise the maximum in Settings.';
    }
    case 'TOO_MANY_ORDERS': {
      const per = num(d.perMinute);
      return `Too many orders in the last minute${per !== null ? ` (the limit is ${per})` : ''}. Wait a moment, then place it again.`;
    }
    case 'PRICE_NEEDS_CONFIRMATION':
      return describeDeviation(error, ctx);
    case 'ILLEGAL_TRANSITION':
      return 'This order cannot be changed any more: it was filled, cancelled or refused in the meantime.';
    case 'NOT_FOUND':
      return error.message || `${symbol} is not in your catalogue.`;
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
  if (!deviation) return `${error.message}. Check the price, then confirm to place the order anyway.`;
  const pct = formatPercent(deviation, ctx.locale, 1);
  const parts = [
    price ? `The price ${unit(price)}` : 'The price',
    ` is ${pct} away from the last close`,
    last ? ` ${unit(last)}` : '',
    max ? ` (more than the ${formatPercent(max, ctx.locale, 1)} allowed without confirmation).` : '.',
  ];
  return `${parts.join('')} Check it, then confirm to place the order anyway.`;
}
