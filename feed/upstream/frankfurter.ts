import { z } from 'zod';
import { Dec } from '../../shared/decimal/index.js';
import { backoffDelay } from './backoff.js';
import type { UpstreamAdapter, UpstreamSink } from './types.js';

/**
 * FX by polling Frankfurter (ECB reference rates, keyless), one request per base currency:
 *   GET {base}/latest?base=EUR&symbols=USD,GBP → {"amount":1.0,"base":"EUR","date":"2024-05-02","rates":{"USD":1.0723,"GBP":0.8556}}
 * ECB publishes once per working day, so polling every few minutes is plenty; each poll re-emits the rate (with the
 * poll time as `ts`) so clients see the FX symbols as alive. Rates arrive as JSON numbers: we turn the number's
 * shortest round-trip text into a plain decimal string, never doing arithmetic on the float.
 */
export const DEFAULT_FRANKFURTER_URL = 'https://api.frankfurter.dev/v1';

const Latest = z.object({
  base: z.string(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  rates: z.record(z.string(), z.number().positive()),
});

export interface FrankfurterOptions {
  baseUrl?: string;
  pollMs?: number;
  /** Retry delay after a failed poll starts here and backs off up to `pollMs`. */
  retryMs?: number;
  timeoutMs?: number;
  now?: () => number;
}

export function rateToDecimalString(rate: number): string {
  return Dec.of(String(rate)).toFixed();
}

export class FrankfurterPoller implements UpstreamAdapter {
  readonly source = 'frankfurter';
  private symbols: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private closed = false;
  private inFlight: Promise<void> | null = null;
  private readonly baseUrl: string;
  private readonly pollMs: number;
  private readonly now: () => number;

  constructor(
    private readonly sink: UpstreamSink,
    private readonly opts: FrankfurterOptions = {},
  ) {
    this.baseUrl = (opts.baseUrl ?? DEFAULT_FRANKFURTER_URL).replace(/\/+$/, '');
    this.pollMs = opts.pollMs ?? 5 * 60_000;
    this.now = opts.now ?? Date.now;
  }

  setSymbols(symbols: readonly string[]): void {
    const added = symbols.some((s) => !this.symbols.includes(s));
    this.symbols = [...symbols];
    // A newly wanted pair should not wait a whole poll interval for its first rate.
    if (added && !this.closed) this.pollSoon(0);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.inFlight;
  }

  private pollSoon(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.inFlight = this.poll().finally(() => (this.inFlight = null));
    }, delay);
  }

  private async poll(): Promise<void> {
    const byBase = new Map<string, string[]>();
    for (const s of this.symbols) {
      const [base, quote] = s.split('-');
      if (!base || !quote) continue;
      byBase.set(base, [...(byBase.get(base) ?? []), quote]);
    }
    let failed = false;
    let detail = '';
    for (const [base, quotes] of byBase) {
      if (this.closed) return;
      try {
        await this.fetchBase(base, quotes);
      } catch (err) {
        failed = true;
        detail = (err as Error).message;
      }
    }
    if (this.closed) return;
    if (failed) {
      this.sink.state('down', detail);
      this.failures += 1;
      this.pollSoon(backoffDelay(this.failures - 1, this.opts.retryMs ?? 5_000, this.pollMs));
    } else {
      this.failures = 0;
      if (byBase.size) this.sink.state('live');
      this.pollSoon(this.pollMs);
    }
  }

  private async fetchBase(base: string, quotes: string[]): Promise<void> {
    const url = `${this.baseUrl}/latest?base=${encodeURIComponent(base)}&symbols=${quotes.map(encodeURIComponent).join(',')}`;
    const res = await fetch(url, { signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000) });
    if (!res.ok) throw new Error(`frankfurter HTTP ${res.status} for ${base}`);
    const body = Latest.safeParse(await res.json().catch(() => null));
    if (!body.success) {
      this.sink.malformed();
      throw new Error(`frankfurter: unexpected body for ${base}`);
    }
    const ts = this.now();
    for (const quote of quotes) {
      const rate = body.data.rates[quote];
      if (rate === undefined) continue;
      this.sink.tick({ symbol: `${base}-${quote}`, price: rateToDecimalString(rate), currency: quote, ts, source: this.source });
    }
  }
}
