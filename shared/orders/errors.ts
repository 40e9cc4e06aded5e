/**
 * Stable error codes of the order domain (data across every transport, never renamed, like shared/errors.ts).
 * STALE_PRICE, INSUFFICIENT_FUNDS and INVALID_AMOUNT already exist in shared/errors.ts; the others still have to be
 * added there when the orders channels are wired.
 */
export type OrderErrorCode =
  | 'ILLEGAL_TRANSITION'
  | 'INVALID_AMOUNT'
  | 'STALE_PRICE'
  | 'PRICE_NEEDS_CONFIRMATION'
  | 'ORDER_TOO_LARGE'
  | 'TOO_MANY_ORDERS'
  | 'INSUFFICIENT_FUNDS'
  | 'INSUFFICIENT_HOLDING';

export interface OrderError {
  code: OrderErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export type OrderResult<T> = { ok: true; data: T } | { ok: false; error: OrderError };

export function refuse(code: OrderErrorCode, message: string, details?: Record<string, unknown>): { ok: false; error: OrderError } {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}
