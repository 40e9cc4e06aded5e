import type { UiError } from '../api/client.js';
import { formatMoney } from './money.js';

/**
 * The sentence shown for an error. Server messages are already written for people; a few codes get a richer one
 * built from their details (formatted amounts) and the rest pass through.
 */
export function describeError(error: UiError, locale: string, minorUnitOf: (code: string) => number): string {
  const d = error.details ?? {};
  if (error.code === 'INSUFFICIENT_FUNDS' && typeof d.currency === 'string' && typeof d.balance === 'string') {
    const mu = minorUnitOf(d.currency);
    const balance = formatMoney(d.balance, d.currency, mu, locale);
    const asked = typeof d.requested === 'string' ? formatMoney(d.requested, d.currency, mu, locale) : null;
    return asked
      ? `Not enough ${d.currency}: you asked to withdraw ${asked} but the balance is ${balance}. Nothing was changed.`
      : `Not enough ${d.currency}: the balance is ${balance}. Nothing was changed.`;
  }
  if (error.code === 'TOO_MANY_ATTEMPTS' && typeof d.retryAfterMs === 'number') {
    return `Too many wrong passwords. Try again in ${waitText(d.retryAfterMs)}.`;
  }
  if (error.code === 'IDEMPOTENCY_CONFLICT') {
    return 'This submission was already used for a different request. Submit it again as a new one.';
  }
  return error.message;
}

/** 4_200 → "5 seconds", 90_000 → "1 min 30 s". */
export function waitText(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 60) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  return rest ? `${m} min ${rest} s` : `${m} min`;
}
