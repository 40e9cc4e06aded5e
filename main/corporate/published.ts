import type { SplitEvent } from '../providers/types.js';

/** What providers published for one instrument: its splits by date, each with the provider that said so. */
export interface PublishedSplitsOf {
  symbol: string;
  provider: string;
  splits: SplitEvent[];
}

/**
 * The splits providers published during this run of the app (public market data, not any profile's), by symbol.
 *
 * A sync asks for a stock's splits once, over the days it fetched; an instrument is usually added just before the
 * buys that make it held are recorded, and a sync of five years finishes in seconds, so a split often arrives while
 * nothing is held on its date and is not proposed. The next syncs fetch only the last days and never publish it
 * again. Kept here, it is checked once more whenever the signed-in profile's log changes (and at sign-in), with no
 * new download (docs/design.md#split-proposals). Kept in memory only: a restart forgets it, as it forgets the
 * download (persisting it would need a table of its own).
 */
export class PublishedSplits {
  private readonly bySymbol = new Map<string, Map<string, { split: SplitEvent; provider: string }>>();

  remember(symbol: string, provider: string, splits: readonly SplitEvent[]): void {
    let dates = this.bySymbol.get(symbol);
    if (!dates) this.bySymbol.set(symbol, (dates = new Map()));
    for (const s of splits) dates.set(s.date, { split: { date: s.date, numerator: s.numerator, denominator: s.denominator }, provider });
  }

  /** Every remembered split, grouped by symbol and provider (the unit a proposal is made from). */
  all(): PublishedSplitsOf[] {
    const out: PublishedSplitsOf[] = [];
    for (const [symbol, dates] of this.bySymbol) {
      const byProvider = new Map<string, SplitEvent[]>();
      for (const { split, provider } of dates.values()) byProvider.set(provider, [...(byProvider.get(provider) ?? []), split]);
      for (const [provider, splits] of byProvider) out.push({ symbol, provider, splits });
    }
    return out;
  }

  get size(): number {
    return this.bySymbol.size;
  }
}
