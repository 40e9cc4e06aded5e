import type { Conversion, ResolvedRate } from '../../shared/contract/fx.js';
import { findCurrency } from '../../shared/currencies.js';
import { AppError } from '../../shared/errors.js';
import { addDays, isoDate, type SeriesPoint } from '../../shared/fx.js';
import { dec } from '../../shared/decimal/index.js';
import { toMoneyString } from '../../shared/money.js';
import { rateSeries, resolveRate, MAX_LOOKBACK_DAYS } from './fx-resolve.js';
import type { Store } from '../store/data-source.js';

export type FxRange = '1M' | '3M' | '1Y' | '5Y' | 'MAX';

const RANGE_DAYS: Record<Exclude<FxRange, 'MAX'>, number> = { '1M': 31, '3M': 92, '1Y': 366, '5Y': 1827 };
/** The bundled history starts in the 1990s for most currencies; MAX reaches that far. */
const MAX_START = '1990-01-01';

/**
 * Currency conversion from stored published rates (works offline for any date the store covers). A valuation on a
 * past date uses that date's rate (or the last one published before it, said so), never today's.
 */
export class FxService {
  constructor(
    private readonly market: Store,
    /** Source ids in the user's priority order for FX. */
    private readonly priority: () => readonly string[],
    private readonly today: () => string = () => isoDate(Date.now()),
  ) {}

  async rate(from: string, to: string, date?: string): Promise<ResolvedRate> {
    const day = this.day(date);
    const found = await this.market.writer.read((db) => resolveRate(db, from, to, day, this.priority()));
    if (!found) {
      throw new AppError(
        'NOT_FOUND',
        `No ${from}→${to} rate is stored for ${day} or the ${MAX_LOOKBACK_DAYS} days before.`,
        { from, to, date: day },
      );
    }
    return found;
  }

  async convert(amount: string, from: string, to: string, date?: string): Promise<Conversion> {
    const target = findCurrency(to);
    if (!findCurrency(from)) throw new AppError('UNKNOWN_CURRENCY', `${from} is not a currency in the catalogue.`);
    if (!target) throw new AppError('UNKNOWN_CURRENCY', `${to} is not a currency in the catalogue.`);
    const r = await this.rate(from, to, date);
    return { ...r, amount, result: toMoneyString(dec(amount).times(r.rate), target.minorUnit) };
  }

  async series(from: string, to: string, range: FxRange): Promise<SeriesPoint[]> {
    const end = this.today();
    const start = range === 'MAX' ? MAX_START : addDays(end, -RANGE_DAYS[range]);
    return this.market.writer.read((db) => rateSeries(db, from, to, start, end, this.priority()));
  }

  /** `{date: {symbol: rate}}` for every calendar day with a rate (filled days included, like the chart). */
  async timeseries(base: string, symbols: readonly string[], start: string, end: string) {
    const rates: Record<string, Record<string, string>> = {};
    await this.market.writer.write((db) => {
      for (const s of symbols) {
        for (const p of rateSeries(db, base, s, start, end, this.priority())) (rates[p.date] ??= {})[s] = p.rate;
      }
    });
    const sorted = Object.fromEntries(Object.entries(rates).sort(([a], [b]) => a.localeCompare(b)));
    return { base, start, end, rates: sorted };
  }

  private day(date?: string): string {
    const today = this.today();
    if (date && date > today) throw new AppError('INVALID_INPUT', 'A rate for a future date does not exist yet.');
    return date ?? today;
  }
}
