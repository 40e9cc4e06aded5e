/**
 * Repeated wrong passwords slow down: the first three failures are free, then each further attempt must wait
 * 1 s, 2 s, 4 s … up to 5 minutes after the last failure. The counters live in the profile registry, so restarting
 * the app does not reset them.
 */
export const FREE_ATTEMPTS = 3;
export const MAX_DELAY_MS = 5 * 60_000;

export function backoffDelayMs(failedAttempts: number): number {
  if (failedAttempts < FREE_ATTEMPTS) return 0;
  return Math.min(1000 * 2 ** (failedAttempts - FREE_ATTEMPTS), MAX_DELAY_MS);
}

/** Milliseconds the caller must still wait before another attempt is even checked (0 = go ahead). */
export function retryAfterMs(failedAttempts: number, lastFailedAt: string | null, now: number): number {
  if (!lastFailedAt) return 0;
  const until = Date.parse(lastFailedAt) + backoffDelayMs(failedAttempts);
  return Math.max(0, until - now);
}
