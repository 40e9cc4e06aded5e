import type { PortfolioSnapshot } from '../../shared/contract/portfolio.js';
import type { Settings } from '../../shared/contract/settings.js';
import { AppError, ErrorCodes, type ErrorCode } from '../../shared/errors.js';
import type { Activity } from '../../shared/portfolio/activity.js';
import type { PortfolioError } from '../../shared/portfolio/errors.js';
import { applyActivity, computeSnapshot, type SnapshotState } from '../../shared/portfolio/performance.js';
import type { Store } from '../store/data-source.js';
import type { FeedPrice } from '../sync/messages.js';
import { activitiesSince, activityCurrencies, allActivities, firstActivityDate, logMark, tradedSymbols, type LogMark } from './load-activities.js';
import { loadPrices, marketMark, type LoadedPrices } from './load-prices.js';
import { catalogueMinorUnits, loadInstruments, loadMinorUnits, loadWallets, type InstrumentInfo, type WalletInfo } from './load-profile.js';
import { RealizedInBase } from './realized.js';
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
}

/** What the last snapshot() did, for tests and the benchmark. */
export interface BuildInfo {
  kind: 'full' | 'incremental' | 'cached';
  /** Activities applied incrementally (0 for the other kinds). */
  applied: number;
  ms: number;
}

interface Cache {
  settingsKey: string;
  pricesKey: string;
  priceVersion: number;
  marketMark: string;
  prices: LoadedPrices;
  state: SnapshotState;
  log: LogMark;
}

interface ProfileRead {
  units: Map<string, number>;
  instruments: Map<string, InstrumentInfo>;
  wallets: WalletInfo[];
  mark: LogMark;
}

/** More new rows than this are replayed from scratch: one full pass is then cheaper than many updates. */
const MAX_INCREMENTAL = 500;

/**
 * `portfolio:snapshot` (issue 4 §6): holdings, cash, P&L, allocation, the daily value series and time-weighted
 * returns of the profile, from its activity log, its wallets, the stored closes and rates, and the live feed.
 *
 * The expensive part, the replay of the whole log against the price table (shared/portfolio/performance.ts), is
 * kept between requests and redone only when it has to be:
 * - activities appended since (by rowid after the last one seen) are applied one by one with applyActivity;
 * - a full computation when the base currency, cost method or day changes, when closes or rates changed
 *   (pricesChanged(), or the market tables' row counts moved), when a new row names an instrument or currency the
 *   price table was not built for or is dated before the series starts, when rows were removed or edited
 *   (the log's row count or last rowid disagree, or invalidate() was called and no new row is found), and after
 *   more than MAX_INCREMENTAL new rows.
 * Live ticks change only the marks: each request values today again (main/portfolio/view.ts, today.ts).
 * Requests are served one at a time, so two at once never compute twice.
 */
export class PortfolioService {
  private cache: Cache | null = null;
  private dirty = false;
  private priceVersion = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly units = { current: new Map<string, number>() as ReadonlyMap<string, number> };
  private readonly minorUnits = catalogueMinorUnits(this.units);
  private readonly realized = new RealizedInBase();
  private info: BuildInfo = { kind: 'cached', applied: 0, ms: 0 };

  constructor(private readonly deps: PortfolioDeps) {}

  snapshot(): Promise<PortfolioSnapshot> {
    const run = this.queue.then(() => this.build());
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** An activity was written (or changed): the next snapshot reads what is new, or starts over if nothing is. */
  invalidate(): void {
    this.dirty = true;
  }

  /** Closes or rates were written (the sync's batches): the next snapshot recomputes against them. */
  pricesChanged(): void {
    this.priceVersion++;
  }

  get lastBuild(): BuildInfo {
    return this.info;
  }

  private async build(): Promise<PortfolioSnapshot> {
    const t0 = performance.now();
    const settings = this.deps.settings();
    const today = this.deps.today();
    const base = settings.baseCurrency;
    const fxPriority = this.deps.fxPriority?.() ?? [];
    const bars = (c: string) => this.deps.barPriority?.(c) ?? [];
    const settingsKey = `${base}|${settings.costMethod}|${today}`;
    const pricesKey = JSON.stringify([base, today, fxPriority, bars('stock'), bars('crypto')]);

    const cached = this.cache;
    const dirty = this.dirty;
    this.dirty = false;
    const read = await this.deps.profile.writer.sync((db) => {
      const r: ProfileRead = { units: loadMinorUnits(db), instruments: loadInstruments(db), wallets: loadWallets(db), mark: logMark(db) };
      return { ...r, news: cached && r.mark.last > cached.log.last ? activitiesSince(db, cached.log.last) : null };
    });
    this.units.current = read.units;

    let state: SnapshotState | null = null;
    let kind: BuildInfo['kind'] = 'full';
    let applied = 0;
    if (cached && cached.settingsKey === settingsKey && cached.pricesKey === pricesKey && cached.priceVersion === this.priceVersion) {
      const market = await this.deps.market.writer.sync((db) => marketMark(db));
      const news = read.news?.activities ?? [];
      const consistent = read.mark.count === cached.log.count + news.length && read.mark.last === (read.news?.last ?? cached.log.last);
      const walletsCovered = read.wallets.every((w) => cached.prices.currencies.has(w.currency) || w.currency === base);
      if (market === cached.marketMark && consistent && walletsCovered && !(dirty && news.length === 0) && news.length <= MAX_INCREMENTAL) {
        if (news.every((a) => this.fits(a, cached))) {
          state = cached.state;
          for (const a of news) state = this.unwrap(applyActivity(state, a)).state;
          applied = news.length;
          kind = applied > 0 ? 'incremental' : 'cached';
          this.cache = { ...cached, state, log: read.mark };
        }
      }
    }
    if (!state) {
      // The price version is taken before reading, so a change during the read is not lost.
      const version = this.priceVersion;
      const full = await this.full(base, today, fxPriority, bars, read.wallets);
      state = this.unwrap(computeSnapshot({ activities: full.activities, method: settings.costMethod, table: full.prices.table, to: today, minorUnits: this.minorUnits })).state;
      this.cache = { settingsKey, pricesKey, priceVersion: version, marketMark: full.marketMark, prices: full.prices, state, log: full.mark };
    }

    const view = buildView({
      state,
      prices: this.cache!.prices,
      instruments: read.instruments,
      wallets: read.wallets,
      livePrice: this.deps.livePrice,
      realized: this.realized,
      minorUnit: (c) => this.minorUnits(c) ?? 2,
      today,
      now: this.deps.now(),
    });
    this.info = { kind, applied, ms: performance.now() - t0 };
    return view;
  }

  /** A new row the cached price table can value: its instrument and currencies are in it, its day in the series. */
  private fits(a: Activity, c: Cache): boolean {
    if (a.date.slice(0, 10) < c.prices.from) return false;
    if (a.type === 'fx-exchange') return c.prices.currencies.has(a.fromCurrency) && c.prices.currencies.has(a.toCurrency);
    if (!c.prices.currencies.has(a.currency)) return false;
    return a.type !== 'buy' && a.type !== 'sell' ? true : c.prices.symbols.has(a.symbol);
  }

  private async full(base: string, today: string, fxPriority: readonly string[], bars: (c: string) => readonly string[], wallets: readonly WalletInfo[]) {
    const p = await this.deps.profile.writer.sync((db) => {
      const instruments = loadInstruments(db);
      const { activities, mark } = allActivities(db);
      const targets = new Map<string, { symbol: string; currency: string; assetClass: string }>();
      for (const t of tradedSymbols(db)) {
        if (!targets.has(t.symbol)) targets.set(t.symbol, { symbol: t.symbol, currency: t.currency, assetClass: instruments.get(t.symbol)?.assetClass ?? 'stock' });
      }
      const currencies = new Set([...activityCurrencies(db), ...wallets.map((w) => w.currency), ...[...targets.values()].map((t) => t.currency)]);
      return { activities, mark, targets: [...targets.values()], currencies, first: firstActivityDate(db)?.slice(0, 10) ?? today };
    });
    const from = p.first < today ? p.first : today;
    return this.deps.market.writer.sync((db) => ({
      activities: p.activities,
      mark: p.mark,
      marketMark: marketMark(db),
      prices: loadPrices(db, { baseCurrency: base, targets: p.targets, currencies: p.currencies, from, to: today, fxPriority, barPriority: bars }),
    }));
  }

  private unwrap<T>(r: { ok: true; data: T } | { ok: false; error: PortfolioError }): T {
    if (r.ok) return r.data;
    const code: ErrorCode = (ErrorCodes as readonly string[]).includes(r.error.code) ? (r.error.code as ErrorCode) : 'INTERNAL';
    throw new AppError(code, `The activity log cannot be replayed: ${r.error.message}`, { reason: r.error.code, ...r.error.details });
  }
}
