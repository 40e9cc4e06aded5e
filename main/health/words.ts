/** A provider's failure or skip, in the words the health page shows (reasons of providers/registry.ts). */
const REASONS: Record<string, string> = {
  not_found: 'does not know this symbol',
  rate_limited: 'is rate limiting requests',
  transient: 'did not answer (network or server error)',
  auth: 'refused the API key or plan',
  bad_data: 'answered with data Bourse could not read',
  disabled: 'is turned off in Data sources',
  no_key: 'needs an API key (Data sources)',
  circuit_open: 'is paused after repeated failures',
  retry_after: 'asked Bourse to wait before trying again',
  rate_limit_wait: 'is over its request budget for now',
  unsupported: 'does not cover this',
  unknown_provider: 'is no longer known',
};

export interface AttemptLike {
  provider: string;
  outcome: 'ok' | 'skipped' | 'failed';
  reason?: string;
  retryAfterMs?: number;
}

export function reasonWords(reason: string | undefined): string {
  return (reason && REASONS[reason]) ?? 'failed';
}

/** "yahoo does not know this symbol; finnhub needs an API key (Data sources)": the attempts that did not answer. */
export function attemptsWords(attempts: readonly AttemptLike[]): string {
  return attempts
    .filter((a) => a.outcome !== 'ok')
    .map((a) => {
      const wait = a.retryAfterMs ? ` (again in ${Math.ceil(a.retryAfterMs / 1000)} s)` : '';
      return `${a.provider} ${reasonWords(a.reason)}${wait}`;
    })
    .join('; ');
}
