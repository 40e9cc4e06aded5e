import type { Settings } from '../../shared/contract/index.js';
import { AppError, type ErrorCode } from '../../shared/errors.js';
import { add, compare, mul, round, scaled, sub, toFixed, toPlain } from '../../shared/exact-decimal.js';
import { D, toMoneyString } from '../../shared/money.js';
import type { OrderError } from '../../shared/orders/index.js';
import type { OrderEvent } from './repo.js';
import type { VenueFill } from './venue.js';

export const PRICE_DIGITS = 10;

/** Every order's first event. */
export const PENDING = (at: string): OrderEvent => ({ state: 'pending', note: null, at });

export function refuse(e: OrderError): never {
  throw new AppError(e.code as ErrorCode, sentence(e.message), e.details);
}

export function notInCatalogue(symbol: string): AppError {
  return new AppError('NOT_FOUND', `${symbol} is not an instrument of your catalogue.`, { symbol });
}

export function sentence(s: string): string {
  return s.length ? s[0]!.toUpperCase() + s.slice(1) + (s.endsWith('.') ? '' : '.') : s;
}

/** What a fill moves in cash at the minor unit: a buy pays gross plus fee, a sell receives gross minus fee. */
export function fillTotal(side: 'buy' | 'sell', fill: VenueFill, minorUnit: number): string {
  const g = scaled(fill.gross);
  const f = scaled(fill.fee);
  const exact = g && f ? (side === 'buy' ? add(g, f) : sub(g, f)) : undefined;
  if (exact) return toFixed(exact, minorUnit);
  const gross = new D(fill.gross);
  return toMoneyString(side === 'buy' ? gross.plus(fill.fee) : gross.minus(fill.fee), minorUnit);
}

/** An order's value in USD at 8 digits (half-even), as decimal.js's toDecimalPlaces(8).toFixed() gives it. */
export function usdValue(gross: string, usd: string): string {
  const g = scaled(gross);
  const r = scaled(usd);
  const v = g && r ? mul(g, r) : undefined;
  return v ? toPlain(round(v, 8)) : new D(gross).times(usd).toDecimalPlaces(8).toFixed();
}

export function isZero(text: string): boolean {
  const v = scaled(text);
  return v ? v.n === 0n : new D(text).isZero();
}

/** A market order below the aggregation threshold (USD) waits in a book. */
export function isSmall(valueUsd: string, t: Settings['trading']): boolean {
  if (isZero(t.aggregationThresholdUsd)) return false;
  const v = scaled(valueUsd);
  const limit = scaled(t.aggregationThresholdUsd);
  return v && limit ? compare(v, limit) < 0 : new D(valueUsd).lt(t.aggregationThresholdUsd);
}
