/**
 * Stable error codes of the portfolio domain. They follow shared/errors.ts (data, never renamed); the service maps
 * them onto the contract's `{ok:false, error}` (INSUFFICIENT_HOLDING, CURRENCY_MISMATCH and INVALID_ACTIVITY still
 * have to be added to shared/errors.ts ErrorCodes by whoever wires the channels).
 */
export type PortfolioErrorCode =
  | 'INVALID_ACTIVITY'
  | 'INVALID_AMOUNT'
  | 'UNKNOWN_CURRENCY'
  | 'CURRENCY_MISMATCH'
  | 'INSUFFICIENT_HOLDING';

export interface PortfolioError {
  code: PortfolioErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export type PortfolioResult<T> = { ok: true; data: T } | { ok: false; error: PortfolioError };

export function fail(code: PortfolioErrorCode, message: string, details?: Record<string, unknown>): { ok: false; error: PortfolioError } {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}
