/**
 * The first Portfolio page after sign-in goes before the sign-in's background work (docs/design.md#the-kept-
 * snapshot). Signing in starts the market planning: sync jobs for every instrument and currency in use, whose
 * progress the worker reports job by job and main writes to the market database one transaction each. Those writes
 * run on main's event loop; started together with the page's first `portfolio:snapshot`, they hold its answer (a
 * kept snapshot read in milliseconds) for as long as they last. So when the profile opens on the Portfolio, the
 * planning waits for that first answer to be written out, or for `maxMs`, whichever comes first.
 */
export class FirstPage {
  private pending: { run: () => void; timer: NodeJS.Timeout } | null = null;

  /** Runs `fn` once the next portfolio answer is out, or after `maxMs`; a later hold replaces one still waiting. */
  hold(maxMs: number, fn: () => void): void {
    this.drop();
    const timer = setTimeout(() => this.release(), maxMs);
    timer.unref?.();
    this.pending = { run: fn, timer };
  }

  /** A portfolio answer was made: what waits runs after the transport has written it (the next macrotask). */
  answered(): void {
    if (this.pending) setImmediate(() => this.release());
  }

  /** Whether something waits (for tests). */
  get holding(): boolean {
    return this.pending !== null;
  }

  private release(): void {
    const p = this.pending;
    this.drop();
    p?.run();
  }

  private drop(): void {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = null;
  }
}

/** How long the market planning waits at most for the first Portfolio answer after sign-in. */
export const FIRST_PAGE_MAX_MS = 3000;
