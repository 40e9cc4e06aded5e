import type { Settings } from '../../shared/contract/index.js';
import { AppError, type ErrorCode } from '../../shared/errors.js';
import { Dec } from '../../shared/decimal/index.js';
import { toMoneyString } from '../../shared/money.js';
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
  const gross = Dec.of(fill.gross);
  return toMoneyString(side === 'buy' ? gross.plus(fill.fee) : gross.minus(fill.fee), minorUnit);
}

/** An order's value in USD at 8 digits (half-even). */
export function usdValue(gross: string, usd: string): string {
  return Dec.of(gross).times(usd).round(8).toFixed();
}

export function isZero(text: string): boolean {
  return Dec.of(text).isZero();
}

/** A market order below the aggregation threshold (USD) waits in a book. */
export function isSmall(valueUsd: string, t: Settings['trading']): boolean {
  if (isZero(t.aggregationThresholdUsd)) return false;
  return Dec.of(valueUsd).lt(t.aggregationThresholdUsd);
}
