import type { IncomeReport, RealizedReport } from '../../shared/contract/index.js';
import { Dec } from '../../shared/decimal/index.js';
import { CALENDAR_YEAR, incomeReport, inTaxYear, realizedReport, taxYearRange, type FxLookup, type ReportOptions } from '../../shared/lots/index.js';
import { LotsService } from '../lots/service.js';
import { RateBook } from '../history/rates.js';
import type { Store } from '../store/data-source.js';
import type { ReadDb } from '../store/writer.js';
import { reportRepo } from './repo.js';
import { toIncomeEvent } from './views.js';

export interface ReportDeps {
  store: Store;
  market: Store;
  baseCurrency: () => string;
  fxPriority: () => readonly string[];
  /** The lots book kept between requests, shared with the portfolio (one per signed-in profile); a new one by default. */
  lots?: LotsService;
}

type Request = Pick<ReportOptions, 'year' | 'accountIds' | 'taxYearStart' | 'holdingDays'>;

/**
 * The tax-year reports (docs/design.md#the-tax-year) over the ledger's activity log: the lots of every account are
 * replayed by its own cost-basis method (shared/lots/), and each figure is taken to the base currency at the stored
 * rate of its own date (the history's RateBook: never a later rate).
 */
export class ReportService {
  private readonly lots: LotsService;

  constructor(private readonly deps: ReportDeps) {
    this.lots = deps.lots ?? new LotsService();
  }

  async realized(req: Request): Promise<RealizedReport> {
    const { book } = await this.deps.store.writer.read((db) => this.lots.book(db));
    // The rates the report will ask for: per currency, from the earliest acquisition of a lot sold in the year to the
    // last sale. Loaded as one series each up front; asked one date at a time, RateBook widens and re-reads its
    // series at every earlier acquisition date, which dominated the report's time on a long log.
    const range = taxYearRange(req.year, req.taxYearStart ?? CALENDAR_YEAR);
    const spans = new Map<string, { from: string; to: string }>();
    for (const c of book.closed) {
      if (!inTaxYear(c.sold, range)) continue;
      const s = spans.get(c.currency);
      if (!s) spans.set(c.currency, { from: c.acquired, to: c.sold });
      else {
        if (c.acquired < s.from) s.from = c.acquired;
        if (c.sold > s.to) s.to = c.sold;
      }
    }
    return this.withRates((fx, baseCurrency) => realizedReport(book.closed, { ...clean(req), baseCurrency, fx }), spans);
  }

  async income(req: Request): Promise<IncomeReport> {
    const rows = await this.deps.store.writer.read((db) => reportRepo.income(db));
    const events = rows.map(toIncomeEvent);
    return this.withRates((fx, baseCurrency) => incomeReport(events, { ...clean(req), baseCurrency, fx }));
  }

  private withRates<T>(f: (fx: FxLookup, base: string) => T, spans?: ReadonlyMap<string, { from: string; to: string }>): Promise<T> {
    const base = this.deps.baseCurrency();
    return this.deps.market.writer.read((mdb: ReadDb) => {
      const book = new RateBook(mdb, base, this.deps.fxPriority());
      for (const [currency, s] of spans ?? []) book.load(currency, s.from, s.to);
      // Each (currency, day) is looked up and parsed once: a year's report asks for the same days many times.
      const seen = new Map<string, Dec | undefined>();
      return f((from, _to, date) => {
        const k = `${from} ${date}`;
        if (seen.has(k)) return seen.get(k);
        const r = book.rate(from, date);
        const d = r === null ? undefined : Dec.of(r);
        seen.set(k, d);
        return d;
      }, base);
    });
  }
}

/** Leaves out the options a request did not give (the report's defaults apply). */
function clean(req: Request): Request {
  return {
    year: req.year,
    ...(req.accountIds ? { accountIds: req.accountIds } : {}),
    ...(req.taxYearStart ? { taxYearStart: req.taxYearStart } : {}),
    ...(req.holdingDays !== undefined ? { holdingDays: req.holdingDays } : {}),
  };
}
