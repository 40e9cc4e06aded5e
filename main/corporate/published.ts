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
 * again. The signed-in profile keeps such splits in its own database (published_splits, main/corporate/service.ts),
 * so a restart loses none; this run's memory brings them to a profile that signs in later, which keeps those of its
 * catalogue in turn (docs/design.md#split-proposals).
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
}
