import { Dec } from '../decimal/index.js';
import { refuse, type OrderError, type OrderResult } from './errors.js';

/**
 * Pre-trade guards as pure checks: each returns ok or one stable error code with the figures that
 * explain it. The service runs them in `runGuards` order (cheapest and most fundamental first) after reserving
 * nothing, so a refusal leaves no trace.
 */
export type GuardResult = OrderResult<null>;
const OK: GuardResult = { ok: true, data: null };

/** The live price must be younger than the asset class's stale window (shared/market.ts STALE_AFTER_MS). */
export function checkFreshPrice(p: { priceTs: number; now: number; maxAgeMs: number }): GuardResult {
  const age = p.now - p.priceTs;
  return age <= p.maxAgeMs ? OK : refuse('STALE_PRICE', `the price is ${Math.round(age / 1000)} s old`, { ageMs: age, maxAgeMs: p.maxAgeMs });
}

/**
 * A price (the live one for a market order, the limit for a limit order) further than `maxDeviation` (a fraction,
 * default 0.1 = 10 %) from the last close needs the user's explicit confirmation: fat-finger protection.
 */
export function checkNearLastClose(p: { price: string; lastClose: string | undefined; maxDeviation?: string; confirmed?: boolean }): GuardResult {
  if (p.confirmed || p.lastClose === undefined || Dec.of(p.lastClose).isZero()) return OK;
  const deviation = Dec.of(p.price).minus(p.lastClose).abs().div(p.lastClose);
  const max = p.maxDeviation ?? '0.1';
  return deviation.lte(max)
    ? OK
    : refuse('PRICE_NEEDS_CONFIRMATION', `the price is ${deviation.times(100).round(1).toFixed()} % from the last close`, {
        price: p.price,
        lastClose: p.lastClose,
        deviation: deviation.round(6).toFixed(),
        maxDeviation: max,
      });
}

/** Value and maximum in the same currency (the service converts both to the configured currency). */
export function checkMaxValue(p: { value: string; max: string | undefined }): GuardResult {
  return p.max === undefined || Dec.of(p.value).lte(p.max) ? OK : refuse('ORDER_TOO_LARGE', `the order is worth more than the maximum of ${p.max}`, { value: p.value, max: p.max });
}

/** Sliding one-minute window over the times (ms) of the user's accepted orders. */
/** `recent`: times of accepted orders in the order they were accepted (so the last minute is at its end). */
export function checkOrderRate(p: { recent: readonly number[]; now: number; perMinute: number }): GuardResult {
  // From the end back to the first older than a minute: no copy of the list per order (it is on the order's path).
  let count = 0;
  for (let i = p.recent.length - 1; i >= 0; i--) {
    const t = p.recent[i]!;
    if (t <= p.now - 60_000) break;
    if (t <= p.now) count++;
  }
  return count < p.perMinute ? OK : refuse('TOO_MANY_ORDERS', `more than ${p.perMinute} orders in a minute`, { count, perMinute: p.perMinute });
}

export function checkCash(p: { available: string; required: string; currency?: string }): GuardResult {
  return Dec.of(p.available).gte(p.required)
    ? OK
    : refuse('INSUFFICIENT_FUNDS', `${p.required} needed, ${p.available} available`, { available: p.available, required: p.required, currency: p.currency });
}

export function checkHolding(p: { available: string; required: string; symbol?: string }): GuardResult {
  return Dec.of(p.available).gte(p.required)
    ? OK
    : refuse('INSUFFICIENT_HOLDING', `${p.required} needed, ${p.available} held`, { available: p.available, required: p.required, symbol: p.symbol });
}

/** The first refusal, or ok. Pass thunks so later (costlier) checks do not run after a refusal. */
export function runGuards(checks: readonly (() => GuardResult)[]): GuardResult {
  for (const check of checks) {
    const r = check();
    if (!r.ok) return r;
  }
  return OK;
}

export type { OrderError };
