/**
 * One idempotency key per money submission. If a submission got no answer (network error), the call may or may not
 * have run on the server, so retrying the *same* submission must reuse its key: the server then returns the first
 * result instead of moving the money twice. Any answer from the server settles the submission; the next one is new.
 */
export class SubmissionKeys {
  private pending: { fingerprint: string; key: string } | null = null;

  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}

  /** The key to send for this submission. */
  keyFor(fingerprint: string): string {
    if (this.pending?.fingerprint === fingerprint) return this.pending.key;
    this.pending = { fingerprint, key: this.newKey() };
    return this.pending.key;
  }

  /** Call with `answered: false` after a network error (keep the key for a retry), true once the server answered. */
  settle(answered: boolean): void {
    if (answered) this.pending = null;
  }
}

export function fingerprint(parts: Record<string, string>): string {
  return JSON.stringify(Object.keys(parts).sort().map((k) => [k, parts[k]]));
}
