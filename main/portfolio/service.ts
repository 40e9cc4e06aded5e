import type { PortfolioByAccount, PortfolioRequest, PortfolioSnapshot } from '../../shared/contract/portfolio.js';
import { Dec } from '../../shared/decimal/index.js';
import { LotsService, type LogRead } from '../lots/service.js';
import type { LotBook } from '../../shared/lots/index.js';
import { DayMarketMemo, marketAsOf, readAccountBook, valueAccounts, type MarketView } from './by-account.js';
import { ClosedInBase } from './closed-in-base.js';
import { LotRates } from './lot-rates.js';
import { byAccountView } from './by-account-view.js';
import { portfolioCsv } from './csv.js';
import type { Settings } from '../../shared/contract/settings.js';
import { findCurrency } from '../../shared/currencies.js';
import { AppError, ErrorCodes, type ErrorCode } from '../../shared/errors.js';
import type { PortfolioError } from '../../shared/portfolio/errors.js';
import { activitiesOf, applyActivity, computeSnapshot, type SnapshotState } from '../../shared/portfolio/performance.js';
import type { Store } from '../store/data-source.js';
import type { FeedPrice } from '../worker/messages.js';
import { readKept, readKeptInputs, writeKept, type KeptInputs } from './kept.js';
import { activitiesSince, allActivities, lastRowid, readLog } from './load-activities.js';
import { covers, loadPrices, marketMark, scopeOf, updatePrices, type LoadedPrices } from './load-prices.js';
import { rememberedSeries, type CarriedSeries } from '../market/fx-resolve.js';
import { CatalogueCache, catalogueMinorUnits, loadWallets } from './load-profile.js';
import { Marks } from './marks.js';
import { liveRealized, LotHoldings, methodOf, OpenCosts, type LiveRealized } from './lot-costs.js';
import { TodayValuer } from './valuation.js';
import { buildView } from './view.js';

export interface PortfolioDeps {
  profile: Store;
  market: Store;
  livePrice: (symbol: string) => FeedPrice | undefined;
  settings: () => Settings;
  /** YYYY-MM-DD (UTC), the last day of the series. */
  today: () => string;
  now: () => number;
  /** FX sources in the user's priority order (ProviderSettingsService.priority('fx')); default none preferred. */
  fxPriority?: () => readonly string[];
  /** Bar sources in priority order per asset class; default none preferred (a tie goes to the first source name). */
  barPriority?: (assetClass: string) => readonly string[];
  /** Where keeping the snapshot failed (it costs only a cold replay at the next sign-in). */
  logError?: (message: string, err: unknown) => void;
  /** The lots book kept between requests, shared with the reports (one per signed-in profile); a new one by default. */
  lots?: LotsService;
  /** At most one kept-snapshot write per this many ms (the first one at once); default KEEP_EVERY_MS. */
  keepEveryMs?: number;
}

/** Closed lots taken to the base currency between two turns of the event loop by warmByAccount(). */
const CLOSED_SLICE = 5_000;

/** What the last snapshot() did, for tests and the benchmark. */
export interface BuildInfo {
  /** full: replayed every activity; incremental: applied the new ones to the kept state; cached: nothing new. */
  kind: 'full' | 'incremental' | 'cached';
  /** Activities applied incrementally (0 for the other kinds). */
  applied: number;
  /** Closes and rates: all read from the market database, only some read (new to the table, or changed), or kept. */
  prices: 'read' | 'updated' | 'kept';
  ms: number;
}

interface Cache {
  settingsKey: string;
  pricesKey: string;
  marketMark: string;
  marketCheckedAt: number;
  prices: LoadedPrices;
  state: SnapshotState;
  /** The highest activity rowid the state includes. */
  last: number;
}

/** More new rows than this are replayed from scratch: one full pass is then cheaper than many updates. */
const MAX_INCREMENTAL = 500;
/** How often the market tables' row counts are compared (a safety net behind pricesChanged()). */
export const MARKET_CHECK_MS = 10_000;
/**
 * What a cold computation read already and hands to the preparation of the lots: the log's lot events and head, and
 * its rate series remembered from `ratesFrom` (the price table's first day) to today.
 */
interface SharedReads {
  log: LogRead;
  ratesFrom: string;
  series: CarriedSeries;
}

/** How often the live snapshot is kept in the profile database at most, so that ticks do not write it every second. */
export const KEEP_EVERY_MS = 30_000;

/**
 * `portfolio:snapshot` (docs/design.md#portfolio): holdings, cash, P&L, allocation, the daily value series and
 * time-weighted returns of the profile, from its activity log, its wallets, the stored closes and rates, and the live
 * feed.
 *
 * The expensive parts are kept between requests: the activity log (the snapshot state holds it), the price table,
 * and the replay of the log against it (shared/portfolio/performance.ts).
 * - Rows appended to the log (rowid above the last one seen) are applied one by one with applyActivity. A new
 *   instrument or currency extends the price table by just that series.
 * - The replay starts over (from the kept log and table where they are still good) when the base currency, cost
 *   method or day changes; when closes or rates changed: pricesChanged(symbol) reads that one series again,
 *   pricesChanged() or a move of the market tables' row counts (compared at most every MARKET_CHECK_MS, a safety
 *   net) all of them; when a new row is dated before the series starts; after more than MAX_INCREMENTAL new rows.
 * - The log is read again when rows may have been removed or edited: invalidate() was called and no new row is
 *   found, or the last rowid went down. (The log is append-only; an edit in place must call invalidate().)
 * Live ticks change only the marks: each request values today again (main/portfolio/view.ts, today.ts).
 * Requests are served one at a time, so two at once never compute twice.
 *
 * The live snapshot is kept in the profile database (kept.ts): at most every KEEP_EVERY_MS, in its own write after a
 * snapshot was computed (never inside an order's or deposit's transaction), and on close. The first request of a
 * session that allows it (`kept: true`) is answered with the kept one when it was computed from what the database
 * holds now, marked `kept` with its time; the next request computes the fresh one.
 */
export class PortfolioService {
  private cache: Cache | null = null;
  private dirty = false;
  private pricesAll = false;
  private priceSymbols = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly units = { current: new Map<string, number>() as ReadonlyMap<string, number> };
  private readonly minorUnits = catalogueMinorUnits(this.units);
  private readonly openCosts = new OpenCosts();
  private readonly lotHoldings = new LotHoldings();
  /** The accounts' realized figures summed, and what they were summed from (a closed-lot count, the sums' epoch). */
  private liveRealized: { key: string; closed: unknown; value: LiveRealized } | null = null;
  private readonly marks = new Marks();
  private readonly valuer = new TodayValuer();
  private readonly catalogue = new CatalogueCache();
  private readonly lots: LotsService;
  private readonly closedInBase = new ClosedInBase();
  /** The rates closed lots were taken to the base currency with, kept until stored rates change (lot-rates.ts). */
  private readonly lotRates = new LotRates();
  private readonly dayMarket = new DayMarketMemo();
  private info: BuildInfo = { kind: 'cached', applied: 0, prices: 'kept', ms: 0 };
  private fullReplays = 0;
  private keptAsked = false;
  /** The latest live snapshot and the inputs it was computed from, until it is kept. */
  private toKeep: { view: PortfolioSnapshot; inputs: KeptInputs } | null = null;
  private keepTimer: NodeJS.Timeout | null = null;
  private keptAt = -Infinity;
  private keeping: Promise<void> = Promise.resolve();
  private closed = false;
  /** The preparation by warmByAccount() under way, which a second caller joins instead of doing it again. */
  private warming: Promise<void> | null = null;

  constructor(private readonly deps: PortfolioDeps) {
    this.lots = deps.lots ?? new LotsService();
  }

  snapshot(): Promise<PortfolioSnapshot>;
  snapshot(req: PortfolioRequest): Promise<PortfolioSnapshot | PortfolioByAccount>;
  snapshot(req: PortfolioRequest = {}): Promise<PortfolioSnapshot | PortfolioByAccount> {
    const live = !req.accountIds && !req.asOf;
    if (live && req.kept && !this.keptAsked && this.cache === null) {
      this.keptAsked = true;
      const run = this.queue.then(() => this.servedKept());
      this.queue = run.catch(() => undefined);
      // The fresh snapshot is computed on the next request, which the page sends once it has this answer: started
      // here, the replay would hold the event loop before a large answer is written out to the page.
      return run.then((kept) => kept ?? this.snapshot());
    }
    const run = this.queue.then(() => (live ? this.build() : this.byAccount(req)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The kept snapshot, marked, when it still matches the database and settings; null otherwise. */
  private async servedKept(): Promise<PortfolioSnapshot | null> {
    const settings = this.deps.settings();
    const kept = await this.deps.profile.writer.read((db) => readKept(db, settings.baseCurrency));
    return kept ? { ...kept.snapshot, kept: { computedAt: kept.computedAt } } : null;
  }

  /** Full replays of the log so far (a kept snapshot answered none). */
  get replays(): number {
    return this.fullReplays;
  }

  /** Writes the snapshot still to keep, and stops keeping: the profile database is about to close. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.keepTimer) clearTimeout(this.keepTimer);
    this.keepTimer = null;
    await this.keeping;
    await this.keep();
  }

  private scheduleKeep(view: PortfolioSnapshot, inputs: KeptInputs): void {
    if (this.closed) return;
    this.toKeep = { view, inputs };
    if (this.keepTimer) return;
    const wait = Math.max(0, this.keptAt + (this.deps.keepEveryMs ?? KEEP_EVERY_MS) - performance.now());
    this.keepTimer = setTimeout(() => {
      this.keepTimer = null;
      this.keeping = this.keeping.then(() => this.keep());
    }, wait);
    this.keepTimer.unref?.();
  }

  private async keep(): Promise<void> {
    const next = this.toKeep;
    if (!next) return;
    this.toKeep = null;
    this.keptAt = performance.now();
    try {
      await this.deps.profile.writer.write((db) => writeKept(db, next.view, next.inputs));
    } catch (err) {
      this.deps.logError?.('portfolio: keeping the snapshot failed', err);
    }
  }

  /** Writes the snapshot still to keep now rather than when due, and resolves when it is written: for tests. */
  async flushKept(): Promise<void> {
    if (this.keepTimer) {
      clearTimeout(this.keepTimer);
      this.keepTimer = null;
      this.keeping = this.keeping.then(() => this.keep());
    }
    await this.keeping;
  }

  /** The snapshot by account and date as CSV, in the base currency or each instrument's own (csv.ts). */
  async exportCsv(req: PortfolioRequest & { currency: 'base' | 'instrument' }): Promise<{ filename: string; csv: string }> {
    const snap = await this.snapshot({ ...req, asOf: req.asOf ?? this.deps.today() });
    return portfolioCsv(snap as PortfolioByAccount, req.currency);
  }

  /**
   * The accounts asked (all when absent) at the end of a day (today when absent), docs/design.md#the-portfolio-by-
   * account-and-date: the lots engine replays the log up to it with each account's cost-basis method, the cash is the
   * ledger's entries dated up to it, and each figure is valued at that day's close and rate.
   */
  private async byAccount(req: PortfolioRequest): Promise<PortfolioByAccount> {
    const today = this.deps.today();
    const date = req.asOf ?? today;
    if (date > today) throw new AppError('INVALID_INPUT', 'The portfolio can be shown as of today or an earlier day.', { asOf: date, today });
    const settings = this.deps.settings();
    const read = await this.deps.profile.writer.read((db) => ({
      book: readAccountBook(db, date, this.lots),
      units: this.catalogue.minorUnits(db),
      instruments: this.catalogue.instruments(db),
    }));
    this.units.current = read.units;
    const known = new Set(read.book.accounts.map((a) => a.id));
    const unknown = (req.accountIds ?? []).filter((id) => !known.has(id));
    if (unknown.length > 0) throw new AppError('NOT_FOUND', 'No such account.', { accountIds: unknown });
    const ids = req.accountIds ?? [...known];
    const base = { code: settings.baseCurrency, minorUnit: this.minorUnits(settings.baseCurrency) ?? 2 };
    const minorUnit = (c: string) => this.minorUnits(c) ?? 2;
    const wanted = new Set(ids);
    const fxPriority = this.deps.fxPriority?.() ?? [];
    const barPriority = (c: string) => this.deps.barPriority?.(c) ?? [];
    const closed = read.book.closed;
    this.closedInBase.prepare(closed, read.book.forgotten, base.code, fxPriority, base.minorUnit);
    const { valued, realized, sums } = await this.deps.market.writer.read((db) => {
      // Rates from the earliest day a lot not yet taken to the base currency lacks one for (none when all are kept);
      // the kept rates and the sums are asked in this same turn, so that a change of rates cannot come between.
      const rates = this.lotRates.of(base.code, fxPriority, this.closedInBase.epoch);
      const pending = this.closedInBase.summed(closed, base.code, fxPriority);
      const first = rates.firstMissing(closed, base.code, pending, closed.length);
      const since = first !== undefined && first < date ? first : date;
      // The market tables' row counts too: closes or rates written without pricesChanged() (a safety net, as above).
      const memoKey = [date, base.code, fxPriority.join(','), barPriority('stock').join(','), barPriority('crypto').join(','), marketMark(db)].join('\u001f');
      const market = this.dayMarket.view(marketAsOf(db, date, since, base.code, fxPriority, barPriority), memoKey);
      const valued = valueAccounts(read.book, ids, market, base, minorUnit, (s) => read.instruments.get(s)?.assetClass ?? 'stock');
      if (first !== undefined) rates.fill(closed, base.code, pending, closed.length, market.rateOn);
      const sums = this.closedInBase.sum(closed, { base: base.code, fxPriority, minorUnit, rateOn: rates.rateOn });
      let realized = Dec.ZERO;
      const missing = new Set(valued.missingFx);
      for (const id of wanted) {
        const s = sums.get(id);
        if (!s) continue;
        realized = realized.plus(s.gain);
        for (const c of s.missingFx) missing.add(c);
      }
      valued.missingFx = [...missing].sort();
      return { valued, realized, sums };
    });
    const method = methodOf(read.book.accounts.filter((a) => wanted.has(a.id)));
    const view = byAccountView({ date, ids, valued, realized: sums, instruments: read.instruments, base, minorUnit, method, now: this.deps.now() });
    view.totals.realizedPnl = realized.toFixed(base.minorUnit);
    return view;
  }

  /**
   * Prepares the snapshot by account ahead of its first request (after sign-in): the lots book replayed in slices
   * (main/lots/), then the rates its closed lots need read in one market read, and the lots taken to the base
   * currency a slice at a time with the event loop free between slices. Stops as soon as `alive()` turns false.
   * The first live snapshot of a session waits for it too (a second caller joins the one under way).
   */
  warmByAccount(alive: () => boolean, slice = CLOSED_SLICE, shared?: SharedReads): Promise<void> {
    this.warming ??= this.prepare(alive, slice, shared).finally(() => (this.warming = null));
    return this.warming;
  }

  private async prepare(alive: () => boolean, slice: number, shared: SharedReads | undefined): Promise<void> {
    const log = shared?.log;
    await this.lots.warm((work) => this.deps.profile.writer.read(work), alive, undefined, log);
    if (!alive()) return;
    const { book, units } = await this.deps.profile.writer.read((db) => ({ book: this.lots.book(db).book, units: this.catalogue.minorUnits(db) }));
    const closed = book.closed;
    this.units.current = units;
    const settings = this.deps.settings();
    const base = settings.baseCurrency;
    const fxPriority = this.deps.fxPriority?.() ?? [];
    const barPriority = (c: string) => this.deps.barPriority?.(c) ?? [];
    const minorUnit = (c: string) => this.minorUnits(c) ?? 2;
    this.closedInBase.prepare(closed, book.forgotten(), base, fxPriority, minorUnit(base));
    const today = this.deps.today();
    // Every rate the lots closed so far lack, read in one market read; the slices then only compute.
    const epoch = this.closedInBase.epoch;
    const rates = this.lotRates.of(base, fxPriority, epoch);
    const total = closed.length;
    const start = this.closedInBase.summed(closed, base, fxPriority);
    const first = rates.firstMissing(closed, base, start, total);
    if (first !== undefined) {
      await this.deps.market.writer.read((db) => {
        const from = shared && shared.ratesFrom < first ? shared.ratesFrom : first;
        const market = marketAsOf(db, today, from < today ? from : today, base, fxPriority, barPriority, shared?.series);
        rates.fill(closed, base, start, total, market.rateOn);
      });
    }
    const forgets = book.forgotten()?.at ?? 0;
    for (;;) {
      // Stored rates or the base currency changed meanwhile, or the book forgot lots out of this list (a back-dated
      // row): what was read is stale, and the next request sums what is left.
      if (!alive() || !this.lotRates.keeps(rates) || this.closedInBase.epoch !== epoch || (book.forgotten()?.at ?? 0) !== forgets) return;
      const from = this.closedInBase.summed(closed, base, fxPriority);
      if (from >= total) return;
      this.closedInBase.sum(closed, { base, fxPriority, minorUnit, rateOn: rates.rateOn, end: Math.min(from + slice, total) });
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** An activity was written (or changed): the next snapshot reads what is new, or the whole log if nothing is. */
  invalidate(): void {
    this.dirty = true;
  }

  /**
   * Closes or rates were written. With the instrument's symbol (or the FX pair, `EUR-GBP`, as the sync names its
   * targets) only that series is read again, and only if the portfolio uses it; without, every close and rate is.
   * The sync's progress events carry that symbol.
   */
  pricesChanged(symbol?: string): void {
    // Closed lots are taken to the base currency with rates only: an instrument's closes leave their sums standing.
    if (symbol === undefined || isFxPair(symbol)) this.closedInBase.ratesChanged();
    this.dayMarket.changed();
    if (symbol === undefined) this.pricesAll = true;
    else this.priceSymbols.add(symbol);
  }

  get lastBuild(): BuildInfo {
    return this.info;
  }

  private async build(): Promise<PortfolioSnapshot> {
    const dirty = this.dirty;
    const all = this.pricesAll;
    const touched = this.priceSymbols;
    this.dirty = false;
    this.pricesAll = false;
    this.priceSymbols = new Set();
    try {
      return await this.compute(dirty, all, touched);
    } catch (err) {
      // Nothing was kept: whatever this request was told is still to do.
      this.dirty ||= dirty;
      this.pricesAll ||= all;
      for (const s of touched) this.priceSymbols.add(s);
      throw err;
    }
  }

  private async compute(dirty: boolean, all: boolean, touched: ReadonlySet<string>): Promise<PortfolioSnapshot> {
    const t0 = performance.now();
    const settings = this.deps.settings();
    const today = this.deps.today();
    const now = this.deps.now();
    const base = settings.baseCurrency;
    const fxPriority = this.deps.fxPriority?.() ?? [];
    const barPriority = (c: string) => this.deps.barPriority?.(c) ?? [];
    const settingsKey = `${base}|${today}`;
    const pricesKey = JSON.stringify([base, today, fxPriority, barPriority('stock'), barPriority('crypto')]);
    const priceOpts = { baseCurrency: base, fxPriority, barPriority };

    // Without a kept lots book (the first snapshot after sign-in), it is prepared in slices first, as after sign-in:
    // the event loop stays free between them instead of held for the whole replay and every lot's rates. With
    // nothing kept at all, one read of the log serves both replays.
    // That computation's rate series are read once too: the closed lots' rates are read over the price table's range.
    let log: ReturnType<typeof readLog> | null = null;
    let series: CarriedSeries | undefined;
    if (!this.lots.hasWhole) {
      if (!this.warming && !this.cache) log = await this.deps.profile.writer.read((db) => readLog(db));
      const first = log?.activities[0]?.date.slice(0, 10) ?? today;
      if (log) series = rememberedSeries();
      await this.warmByAccount(() => !this.closed, CLOSED_SLICE, log && series ? { log: log.lots, ratesFrom: first < today ? first : today, series } : undefined);
    }
    const cached = this.cache;
    const read = await this.deps.profile.writer.read((db) => {
      const last = lastRowid(db);
      return {
        units: this.catalogue.minorUnits(db),
        instruments: this.catalogue.instruments(db),
        wallets: loadWallets(db),
        keptInputs: readKeptInputs(db),
        lots: this.lots.book(db),
        last,
        news: cached && last >= cached.last ? activitiesSince(db, cached.last) : null,
      };
    });
    this.units.current = read.units;
    const classOf = (symbol: string) => read.instruments.get(symbol)?.assetClass;

    // Is the kept log still the log, with `news` appended?
    const news = read.news?.activities ?? [];
    const logKept = cached !== null && read.news !== null && !read.news.corporate && !(dirty && news.length === 0);
    // Are the kept closes and rates still current, all of them or all but a few named series?
    let reread = !cached || cached.pricesKey !== pricesKey || all;
    let marketMarkNow = cached?.marketMark ?? '';
    let checkedAt = cached?.marketCheckedAt ?? 0;
    if (!reread && now - checkedAt >= MARKET_CHECK_MS) {
      marketMarkNow = await this.deps.market.writer.read((db) => marketMark(db));
      checkedAt = now;
      reread = marketMarkNow !== cached!.marketMark;
    }
    const changedSymbols = new Set([...touched].filter((s) => cached?.prices.symbols.has(s)));
    const changedFx = [...touched].some((s) => !changedSymbols.has(s) && isFxPair(s));
    const newScope = scopeOf(news, read.wallets, classOf);
    if (cached && newScope.from !== null && newScope.from < cached.prices.from) reread = true;

    let state: SnapshotState;
    let kind: BuildInfo['kind'] = 'full';
    let pricesHow: BuildInfo['prices'] = 'kept';
    let prices: LoadedPrices;
    let last: number;
    if (cached && logKept && !reread && changedSymbols.size === 0 && !changedFx && cached.settingsKey === settingsKey && news.length <= MAX_INCREMENTAL) {
      prices = cached.prices;
      state = cached.state;
      if (!covers(prices, newScope)) {
        prices = await this.deps.market.writer.read((db) => updatePrices(db, cached.prices, { scope: newScope }, priceOpts));
        pricesHow = 'updated';
        // The old series are the same objects in the new table, so the state stays valid on it.
        state = { ...state, table: prices.table };
      }
      for (const a of news) state = this.unwrap(applyActivity(state, a)).state;
      kind = news.length > 0 ? 'incremental' : 'cached';
      last = read.news!.last;
    } else {
      const activities =
        cached && logKept
          ? [...activitiesOf(cached.state), ...news]
          : log && log.last === read.last
            ? log.activities
            : (await this.deps.profile.writer.read((db) => allActivities(db))).activities;
      last = logKept ? read.news!.last : read.last;
      const scope = scopeOf(activities, read.wallets, classOf);
      const from = scope.from !== null && scope.from < today ? scope.from : today;
      if (cached && !reread && cached.prices.from === from) {
        const change = { scope, symbols: changedSymbols, fx: changedFx };
        const needed = changedSymbols.size > 0 || changedFx || !covers(cached.prices, scope);
        prices = needed ? await this.deps.market.writer.read((db) => updatePrices(db, cached.prices, change, priceOpts)) : cached.prices;
        pricesHow = needed ? 'updated' : 'kept';
      } else {
        const loaded = await this.deps.market.writer.read((db) => ({
          mark: marketMark(db),
          prices: loadPrices(db, { ...priceOpts, targets: scope.targets, currencies: scope.currencies, from, to: today, ...(series ? { series } : {}) }),
        }));
        prices = loaded.prices;
        marketMarkNow = loaded.mark;
        checkedAt = now;
        pricesHow = 'read';
      }
      // Cost figures come from the lots (lot-costs.ts); of the replay's own, average cost keeps no queue of lots.
      state = this.unwrap(computeSnapshot({ activities, method: 'average', table: prices.table, to: today, minorUnits: this.minorUnits })).state;
      this.fullReplays++;
    }
    this.cache = { settingsKey, pricesKey, marketMark: marketMarkNow, marketCheckedAt: checkedAt, prices, state, last };

    const minorUnit = (c: string) => this.minorUnits(c) ?? 2;
    const realized = await this.realizedOfAll(read.lots.book, base, fxPriority, barPriority, minorUnit, today);
    const view = buildView({
      state,
      prices,
      instruments: read.instruments,
      wallets: read.wallets,
      livePrice: this.deps.livePrice,
      marks: this.marks,
      valuer: this.valuer,
      open: this.openCosts.of(read.lots.book),
      realized,
      lotHoldings: this.lotHoldings,
      method: methodOf(read.lots.accounts),
      minorUnit,
      today,
      now,
    });
    this.info = { kind, applied: kind === 'incremental' ? news.length : 0, prices: pricesHow, ms: performance.now() - t0 };
    // Only a snapshot of the whole log as read: news read past the first read's last rowid are in it, not in inputs.
    if (last === read.keptInputs.last && view.baseCurrency === base) this.scheduleKeep(view, read.keptInputs);
    return view;
  }

  /**
   * Realized P&L of every account (closed-in-base.ts, shared with the snapshot by account): only lots closed since
   * the last request are taken to the base currency, with the rates of their days read in one market read.
   */
  private async realizedOfAll(book: LotBook, base: string, fxPriority: readonly string[], barPriority: (c: string) => readonly string[], minorUnit: (c: string) => number, today: string): Promise<LiveRealized> {
    const closed = book.closed;
    this.closedInBase.prepare(closed, book.forgotten(), base, fxPriority, minorUnit(base));
    // Only rates no lot was taken to the base currency with before are read (a back-dated row's lots have theirs),
    // and then the kept rates and the sums are asked again in the read's turn: rates may change while it waits.
    const sumWith = (market: ((from: string) => MarketView) | null) => {
      const rates = this.lotRates.of(base, fxPriority, this.closedInBase.epoch);
      const pending = this.closedInBase.summed(closed, base, fxPriority);
      const first = rates.firstMissing(closed, base, pending, closed.length);
      if (first === undefined) return this.closedInBase.sum(closed, { base, fxPriority, minorUnit, rateOn: rates.rateOn });
      if (market === null) return null;
      rates.fill(closed, base, pending, closed.length, market(first < today ? first : today).rateOn);
      return this.closedInBase.sum(closed, { base, fxPriority, minorUnit, rateOn: rates.rateOn });
    };
    const sums = sumWith(null) ?? (await this.deps.market.writer.read((db) => sumWith((from) => marketAsOf(db, today, from, base, fxPriority, barPriority))))!;
    const key = `${base}\u001f${fxPriority.join(',')}\u001f${this.closedInBase.epoch}\u001f${closed.length}\u001f${book.mark}`;
    const was = this.liveRealized;
    if (was && was.key === key && was.closed === closed) return was.value;
    const value = liveRealized(sums, book, minorUnit, was?.value);
    this.liveRealized = { key, closed, value };
    return value;
  }

  private unwrap<T>(r: { ok: true; data: T } | { ok: false; error: PortfolioError }): T {
    if (r.ok) return r.data;
    const code: ErrorCode = (ErrorCodes as readonly string[]).includes(r.error.code) ? (r.error.code as ErrorCode) : 'INTERNAL';
    throw new AppError(code, `The activity log cannot be replayed: ${r.error.message}`, { reason: r.error.code, ...r.error.details });
  }
}

/** `EUR-GBP`: two ISO currencies, as the sync names an FX target (a crypto pair such as `BTC-USD` is not one). */
function isFxPair(symbol: string): boolean {
  const [a, b, extra] = symbol.split('-');
  return extra === undefined && a !== undefined && b !== undefined && findCurrency(a) !== undefined && findCurrency(b) !== undefined;
}
