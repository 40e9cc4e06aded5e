import { addDays, type DateRange } from '../../shared/fx.js';

/**
 * What to fetch for one series, given what is stored (pure, so the worker and tests share it). Incremental: only the
 * missing days, plus the last few stored days again because sources publish corrections (ECB revises, exchanges
 * amend bars) shortly after the fact.
 */
export const REFETCH_DAYS = 5;
/** Gaps shorter than this before the first stored day are closures (weekends, holidays), not missing data. */
export const SHORT_GAP_DAYS = 5;


export function missingRanges(
  stored: { first: string | null; last: string | null },
  since: string,
  today: string,
): DateRange[] {
  if (since > today) return [];
  if (!stored.first || !stored.last) return [{ from: since, to: today }];
  const out: DateRange[] = [];
  // A gap of a few days before the first publication is a weekend or holiday: nothing will ever be published there.
  if (since < stored.first && addDays(since, SHORT_GAP_DAYS) <= stored.first) out.push({ from: since, to: addDays(stored.first, -1) });
  const refreshFrom = addDays(stored.last, -REFETCH_DAYS);
  const from = refreshFrom < since ? since : refreshFrom;
  if (from <= today) out.push({ from, to: today });
  return out;
}

/** Splits ranges into requests a provider accepts (e.g. Binance 1000 candles, Coinbase 300). */
export function chunk(ranges: readonly DateRange[], maxDays: number): DateRange[] {
  const out: DateRange[] = [];
  for (const r of ranges) {
    let from = r.from;
    while (from <= r.to) {
      const end = addDays(from, maxDays - 1);
      const to = end < r.to ? end : r.to;
      out.push({ from, to });
      from = addDays(to, 1);
    }
  }
  return out;
}
