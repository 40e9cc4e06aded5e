/**
 * Stable error codes. They travel as data across every transport and are part of the public contract:
 * the renderer (and tests) branch on them, so never rename one.
 */
export const ErrorCodes = [
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'UNAUTHENTICATED',
  'LOCKED',
  'INVALID_CREDENTIALS',
  'TOO_MANY_ATTEMPTS',
  'USERNAME_TAKEN',
  'NOT_FOUND',
  'UNKNOWN_CURRENCY',
  'INVALID_AMOUNT',
  'INSUFFICIENT_FUNDS',
  'IDEMPOTENCY_CONFLICT',
  'STALE_PRICE',
  'DUPLICATE',
  'IN_USE',
  'PROVIDER_FAILED',
  /** A restore candidate that is not an intact Bourse profile backup this version can read; details.reason says why. */
  'INVALID_BACKUP',
  /** Orders (shared/orders/errors.ts): a price far from the last close needs `confirm: true`. */
  'PRICE_NEEDS_CONFIRMATION',
  'ORDER_TOO_LARGE',
  'TOO_MANY_ORDERS',
  'INSUFFICIENT_HOLDING',
  /** An order on the paper venue names an account that is not a paper account. */
  'ACCOUNT_NOT_PAPER',
  /** An order in a state that does not allow the move asked for (cancel a filled order). */
  'ILLEGAL_TRANSITION',
  /** An import refused as a whole (nothing imported); details.report holds the per-row errors with line numbers. */
  'IMPORT_REJECTED',
  /** A long operation stopped at the user's request; nothing of it stays behind. */
  'CANCELLED',
  /** A secret (an API key) cannot be stored because this system offers no real encryption for it. */
  'NO_SECURE_STORAGE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ErrorCodes)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** Thrown by services; dispatch turns it into `{ok:false, error}`. Anything else thrown becomes INTERNAL. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toInfo(): ErrorInfo {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo };
