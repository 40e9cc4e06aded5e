/** Exponential backoff with jitter in [delay/2, delay], so many clients don't reconnect in lockstep. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * How long a client of a cluster waits before its next connection attempt, `failures` attempts after its last good
 * connection (feed-client.ts): a client that has just lost its node waits a random part of `spreadMs`, so the
 * thousand clients of a node that died reach the survivors spread over that time instead of as one burst of
 * handshakes (which, on a loaded node, outlasts the clients' connect timeout and starts again); a refused address is
 * skipped at once for the next one; once a whole round of addresses failed it backs off with jitter.
 */
export function failoverDelay(
  failures: number,
  addresses: number,
  lost: boolean,
  opts: { spreadMs: number; initialMs: number; maxMs: number },
  random: () => number = Math.random,
): number {
  const round = Math.floor((failures - 1) / addresses);
  if (round > 0) return backoffDelay(round - 1, opts.initialMs, opts.maxMs, random);
  return lost ? Math.round(random() * opts.spreadMs) : 0;
}
