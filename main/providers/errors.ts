import type { ProviderId } from './types.js';

/**
 * Why a provider did not answer. The registry decides on the kind alone:
 * - not_found: the provider does not know the symbol/pair (another provider may);
 * - rate_limited: slow down; `retryAfterMs` says for how long when the provider told us;
 * - transient: 5xx, network failure, timeout: may work later;
 * - auth: missing/invalid key or a plan that does not include the endpoint: will not work until the user acts;
 * - bad_data: an answer we cannot trust (HTML, unparsable, unexpected shape).
 */
export const PROVIDER_ERROR_KINDS = ['not_found', 'rate_limited', 'transient', 'auth', 'bad_data'] as const;
export type ProviderErrorKind = (typeof PROVIDER_ERROR_KINDS)[number];

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly provider?: ProviderId;
  readonly status?: number;
  readonly retryAfterMs?: number;
  constructor(
    kind: ProviderErrorKind,
    message: string,
    opts: { provider?: ProviderId; status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ProviderError';
    this.kind = kind;
    this.provider = opts.provider;
    this.status = opts.status;
    this.retryAfterMs = opts.retryAfterMs;
  }
}

export function isProviderError(e: unknown): e is ProviderError {
  return e instanceof ProviderError;
}

/** Retry-After is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3). Returns ms from `now`, or undefined. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
